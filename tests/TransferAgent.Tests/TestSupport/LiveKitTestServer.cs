using LiveKit.Api;
using LiveKit.DevServer;

namespace WarmTransfer.TransferAgent.Tests.TestSupport;

/// <summary>An in-process dev server on loopback (port 0 unless a port is given), with WebRTC media, and its API clients.</summary>
public sealed class LiveKitTestServer : IAsyncDisposable
{
    private LiveKitTestServer(DevServer server)
    {
        Server = server;
        Dispatch = new AgentDispatchServiceClient(server.HttpUrl, server.ApiKey, server.ApiSecret);
        Rooms = new RoomServiceClient(server.HttpUrl, server.ApiKey, server.ApiSecret);
    }

    public DevServer Server { get; }

    public AgentDispatchServiceClient Dispatch { get; }

    public RoomServiceClient Rooms { get; }

    public string Url => Server.Url;

    public int Port => Server.Port;

    public static async Task<LiveKitTestServer> StartAsync(int port = 0)
    {
        using var cts = new CancellationTokenSource(Patience.Slow);
        var server = await DevServer.StartAsync(new DevServerOptions { Port = port, RtcUdpPort = 0, Media = DevServerMediaMode.WebRtc }, cts.Token);
        return new LiveKitTestServer(server);
    }

    /// <summary>A join token for a test participant (publish, subscribe, data).</summary>
    public string JoinToken(string room, string identity, string? name = null) =>
        new AccessToken(Server.ApiKey, Server.ApiSecret)
            .WithIdentity(identity)
            .WithName(name ?? identity)
            .WithVideoGrants(new VideoGrants { RoomJoin = true, Room = room })
            .ToJwt();

    public ValueTask DisposeAsync() => Server.DisposeAsync();
}
