using LiveKit.Rtc.Tests.Infrastructure;

namespace LiveKit.Rtc.Tests.Rooms;

/// <summary>Handle accounting and concurrency: nothing leaks, rooms do not disturb each other.</summary>
public sealed class RoomLifecycleTests
{
    private const string Token = "eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJib3QifQ.c2lnbmF0dXJl";

    [Fact]
    public async Task ConnectFailures_ManyCycles_LeaveNoHandleAndNoPendingCall()
    {
        var client = LiveKit.Rtc.Internal.Ffi.FfiClient.Instance;
        long handles = RtcRuntime.LiveHandleCount;
        int pending = client.Dispatcher.PendingCount;
        await using var server = new FakeSignalServer(path => path == "/rtc/validate" ? (401, "Unauthorized", "bad token") : (401, "Unauthorized", ""));

        for (int i = 0; i < 30; i++)
        {
            await using var room = new Room();
            await Assert.ThrowsAsync<RoomConnectException>(() => room.ConnectAsync(server.Url, Token).WaitAsync(TimeSpan.FromSeconds(60)));
        }

        Assert.Equal(handles, RtcRuntime.LiveHandleCount);
        Assert.Equal(pending, client.Dispatcher.PendingCount);
    }

    [Fact]
    public async Task ConcurrentRooms_EachGetsItsOwnOutcome()
    {
        // Eight rooms at once against two endpoints answering differently: every room gets the answer of its own server.
        await using var expired = new FakeSignalServer(path => path == "/rtc/validate" ? (401, "Unauthorized", "token expired") : (401, "Unauthorized", ""));
        await using var forbidden = new FakeSignalServer(path => path == "/rtc/validate" ? (403, "Forbidden", "room is full") : (403, "Forbidden", ""));
        var rooms = Enumerable.Range(0, 8).Select(_ => new Room()).ToList();

        var outcomes = await Task.WhenAll(rooms.Select(async (room, i) =>
        {
            var server = i % 2 == 0 ? expired : forbidden;
            var ex = await Assert.ThrowsAsync<RoomConnectException>(() => room.ConnectAsync(server.Url, Token).WaitAsync(TimeSpan.FromSeconds(60)));
            return (i, ex.StatusCode, ex.ServerMessage);
        }));

        foreach (var (i, status, message) in outcomes)
        {
            Assert.Equal(i % 2 == 0 ? (401, "token expired") : (403, "room is full"), (status!.Value, message));
        }
        foreach (var room in rooms)
        {
            await room.DisposeAsync();
        }
    }

    [Fact]
    public async Task AudioObjects_ThousandsOfCreateDisposeCycles_LeaveNoHandle()
    {
        long handles = RtcRuntime.LiveHandleCount;

        for (int i = 0; i < 2000; i++)
        {
            var source = new AudioSource(48000, 1);
            var track = LocalAudioTrack.Create("t", source);
            var stream = AudioStream.FromTrack(track, new AudioStreamOptions { SampleRate = 16000 });
            if (i % 100 == 0)
            {
                await source.CaptureFrameAsync(new short[480]);
            }
            await stream.DisposeAsync();
            track.Dispose();
            source.Dispose();
        }

        Assert.Equal(handles, RtcRuntime.LiveHandleCount);
    }

    [Fact]
    public async Task Dispose_WithoutConnect_IsHarmlessAndIdempotent()
    {
        var room = new Room();

        await room.DisposeAsync();
        await room.DisposeAsync();

        await Assert.ThrowsAsync<ObjectDisposedException>(() => room.ConnectAsync("ws://127.0.0.1:1", Token));
    }
}
