using LiveKit.Api;
using LiveKit.DevServer;
using LiveKit.Rtc;

namespace WarmTransfer.TransferAgent.Tests.TestSupport.Rtc;

/// <summary>
/// An in-process LiveKit-compatible dev server (signalling, media, Twirp) on loopback port 0, with helpers to join
/// rooms as <c>LiveKit.Rtc</c> clients and to send server-side data packets (as the control API does).
/// </summary>
public sealed class LiveKitRig : IAsyncDisposable
{
    public static readonly TimeSpan Timeout = TimeSpan.FromSeconds(60);

    private LiveKitRig(DevServer server) => Server = server;

    public DevServer Server { get; }

    public static async Task<LiveKitRig> StartAsync()
    {
        using var cts = new CancellationTokenSource(Timeout);
        return new LiveKitRig(await DevServer.StartAsync(new DevServerOptions { Port = 0, RtcUdpPort = 0 }, cts.Token));
    }

    public string Token(string room, string identity) =>
        new AccessToken(Server.ApiKey, Server.ApiSecret)
            .WithIdentity(identity)
            .WithName(identity)
            .WithVideoGrants(new VideoGrants { RoomJoin = true, Room = room, CanPublish = true, CanSubscribe = true, CanPublishData = true })
            .ToJwt();

    public async Task<Room> JoinAsync(string room, string identity)
    {
        var r = new Room();
        try
        {
            await r.ConnectAsync(Server.Url, Token(room, identity)).WaitAsync(Timeout);
        }
        catch
        {
            await r.DisposeAsync();
            throw;
        }

        return r;
    }

    /// <summary>Sends a reliable data packet into <paramref name="room"/> from the server API (sender identity empty), like the control API's <c>wt.transfer</c>.</summary>
    public async Task SendServerDataAsync(string room, string topic, string json)
    {
        using var http = new HttpClient();
        var service = new RoomServiceClient(Server.HttpUrl, Server.ApiKey, Server.ApiSecret, http);
        await service.SendDataAsync(room, System.Text.Encoding.UTF8.GetBytes(json), topic).WaitAsync(Timeout);
    }

    public async ValueTask DisposeAsync() => await Server.DisposeAsync();
}
