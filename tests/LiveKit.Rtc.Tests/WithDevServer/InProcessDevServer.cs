using LiveKit.DevServer;
using LiveKit.Rtc.Tests.Infrastructure;

namespace LiveKit.Rtc.Tests.WithDevServer;

/// <summary>
/// <see cref="ILiveKitTestServer"/> over the real dev server (src/LiveKit.DevServer) started in this process on
/// 127.0.0.1 with ephemeral TCP and UDP ports and its WebRTC media plane.
/// </summary>
public sealed class InProcessDevServer : ILiveKitTestServer
{
    private InProcessDevServer(DevServer.DevServer server) => Server = server;

    public DevServer.DevServer Server { get; }

    public string Url => Server.Url;

    public string HttpUrl => Server.HttpUrl;

    public string ApiKey => Server.ApiKey;

    public string ApiSecret => Server.ApiSecret;

    public static async Task<InProcessDevServer> StartAsync(Action<DevServerOptions>? configure = null)
    {
        var options = new DevServerOptions { Port = 0, RtcUdpPort = 0, Media = DevServerMediaMode.WebRtc };
        configure?.Invoke(options);
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        return new InProcessDevServer(await DevServer.DevServer.StartAsync(options, cts.Token));
    }

    public string CreateToken(string room, string identity, IReadOnlyDictionary<string, string>? attributes = null)
        => TestTokens.Create(Server.ApiKey, Server.ApiSecret, room, identity, attributes);

    public ValueTask DisposeAsync() => Server.DisposeAsync();
}
