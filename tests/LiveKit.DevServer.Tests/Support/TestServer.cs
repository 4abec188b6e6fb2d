using LiveKit.DevServer.Rooms;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;

namespace LiveKit.DevServer.Tests.Support;

/// <summary>Starts a dev server on 127.0.0.1 port 0 for one test.</summary>
internal static class TestServer
{
    /// <summary>Signal-only unless <paramref name="configure"/> picks WebRTC: raw test clients cannot do media.</summary>
    public static Task<DevServer> StartAsync(Action<DevServerOptions>? configure = null, Action<WebApplicationBuilder>? services = null)
    {
        var options = new DevServerOptions { Port = 0, RtcUdpPort = 0, Media = DevServerMediaMode.SignalOnly };
        configure?.Invoke(options);
        using var cts = new CancellationTokenSource(TestTimeouts.Event);
        return DevServer.StartAsync(options, services, cts.Token);
    }

    public static RoomManager Rooms(this DevServer server) => server.Services.GetRequiredService<RoomManager>();
}
