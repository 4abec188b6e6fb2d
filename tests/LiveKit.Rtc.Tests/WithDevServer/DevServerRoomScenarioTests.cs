using LiveKit.Rtc.Tests.Infrastructure;
using LiveKit.Rtc.Tests.Rooms;

namespace LiveKit.Rtc.Tests.WithDevServer;

/// <summary>The shared room scenarios (<see cref="RoomScenarioTests"/>) against an in-process dev server, one per test.</summary>
public sealed class DevServerRoomScenarioTests : RoomScenarioTests, IAsyncLifetime
{
    private InProcessDevServer? _server;

    protected override ILiveKitTestServer Server => _server ?? throw new InvalidOperationException("the dev server has not started");

    public async Task InitializeAsync() => _server = await InProcessDevServer.StartAsync();

    public async Task DisposeAsync()
    {
        if (_server is not null)
        {
            await _server.DisposeAsync();
        }
    }
}
