using System.Text;
using LiveKit.Api;
using LiveKit.Rtc.Tests.Infrastructure;

namespace LiveKit.Rtc.Tests.WithDevServer;

/// <summary>
/// LiveKit.Rtc (the Rust core) against the in-process dev server, beyond the shared scenarios: what the server
/// reports, lossy and reliable data with destinations, removal by the server, and many connect/disconnect cycles.
/// </summary>
public sealed class DevServerRoomTests : IAsyncLifetime
{
    private InProcessDevServer _server = null!;

    public async Task InitializeAsync() => _server = await InProcessDevServer.StartAsync();

    public async Task DisposeAsync() => await _server.DisposeAsync();

    private RoomServiceClient RoomService => new(_server.HttpUrl, _server.ApiKey, _server.ApiSecret);

    private async Task<(Room Room, RoomEventLog Events)> JoinAsync(string room, string identity)
    {
        var r = new Room();
        var events = new RoomEventLog(r);
        await r.ConnectAsync(_server.Url, _server.CreateToken(room, identity)).WaitAsync(RoomEventLog.Patience);
        return (r, events);
    }

    [Fact]
    public async Task ConnectAsync_TwoClients_ServerListsBothAndTheRoomSidMatches()
    {
        var (a, _) = await JoinAsync("server-view", "alice");
        await using var _a = a;
        var (b, _) = await JoinAsync("server-view", "bob");
        await using var _b = b;

        var participants = await RoomService.ListParticipantsAsync("server-view");
        Assert.Equal(["alice", "bob"], participants.Select(p => p.Identity).Order());
        // A client's connect returns when its side of the media connection is up; the server marks it Active when its
        // own side sees the same, a moment later on another thread.
        using (var patience = new CancellationTokenSource(RoomEventLog.Patience))
        {
            while (participants.Any(p => p.State != LiveKit.Proto.ParticipantInfo.Types.State.Active) && !patience.IsCancellationRequested)
            {
                await Task.Delay(20);
                participants = await RoomService.ListParticipantsAsync("server-view");
            }
        }

        Assert.All(participants, p => Assert.Equal(LiveKit.Proto.ParticipantInfo.Types.State.Active, p.State));
        var room = Assert.Single(await RoomService.ListRoomsAsync(["server-view"]));
        Assert.Equal(2, (int)room.NumParticipants);
        Assert.Equal("server-view", a.Name);
        await WaitUntilAsync(() => a.Sid.Length > 0);
        Assert.Equal(room.Sid, a.Sid);
    }

    private static async Task WaitUntilAsync(Func<bool> condition)
    {
        using var cts = new CancellationTokenSource(RoomEventLog.Patience);
        while (!condition())
        {
            await Task.Delay(50, cts.Token);
        }
    }

    [Fact]
    public async Task PublishDataAsync_ReliableToOneAndLossyToAll_DestinationsHonouredAndSenderStampedByServer()
    {
        var (sender, _) = await JoinAsync("data-room", "sender");
        await using var _s = sender;
        var (target, targetEvents) = await JoinAsync("data-room", "target");
        await using var _t = target;
        var (bystander, bystanderEvents) = await JoinAsync("data-room", "bystander");
        await using var _b = bystander;

        // Reliable data is ordered per sender: when the bystander gets the later broadcast, the earlier packet
        // addressed to the target alone would have arrived before it, had the server leaked it.
        await sender.LocalParticipant.PublishDataAsync(Encoding.UTF8.GetBytes("for target"), reliable: true, topic: "wt.briefing", destinationIdentities: ["target"]);
        await sender.LocalParticipant.PublishDataAsync(Encoding.UTF8.GetBytes("for everyone"), reliable: true, topic: "wt.transfer");

        var private1 = (await targetEvents.WaitAsync<DataReceivedEvent>(e => e.Packet.Topic == "wt.briefing")).Packet;
        var broadcast = (await bystanderEvents.WaitAsync<DataReceivedEvent>(e => e.Packet.Topic == "wt.transfer")).Packet;
        Assert.Equal("for target", Encoding.UTF8.GetString(private1.Payload.Span));
        Assert.True(private1.Reliable);
        Assert.Equal("sender", private1.ParticipantIdentity);
        Assert.Equal("sender", private1.Participant?.Identity);
        Assert.Equal("for everyone", Encoding.UTF8.GetString(broadcast.Payload.Span));
        Assert.DoesNotContain(bystanderEvents.Events.OfType<DataReceivedEvent>(), e => e.Packet.Topic == "wt.briefing");

        // Lossy (unordered, unreliable) packets go over the other data channel; on loopback they arrive. Send a few
        // in case the first precedes the channel's opening on the receiving side.
        var lossy = targetEvents.WaitAsync<DataReceivedEvent>(e => e.Packet.Topic == "lossy");
        for (int i = 0; i < 50 && !lossy.IsCompleted; i++)
        {
            await sender.LocalParticipant.PublishDataAsync(Encoding.UTF8.GetBytes($"level {i}"), reliable: false, topic: "lossy");
            await Task.WhenAny(lossy, Task.Delay(100));
        }

        var lossyPacket = (await lossy).Packet;
        Assert.False(lossyPacket.Reliable);
        Assert.StartsWith("level ", Encoding.UTF8.GetString(lossyPacket.Payload.Span), StringComparison.Ordinal);
        Assert.DoesNotContain(sender.RemoteParticipants.Values, p => p.Identity == "sender");
    }

    [Fact]
    public async Task SendDataAsync_FromRoomService_ArrivesWithoutSenderIdentity()
    {
        var (listener, events) = await JoinAsync("server-data", "listener");
        await using var _l = listener;

        await RoomService.SendDataAsync("server-data", Encoding.UTF8.GetBytes("{\"state\":\"Briefing\"}"), "wt.transfer");

        var packet = (await events.WaitAsync<DataReceivedEvent>()).Packet;
        Assert.Equal("wt.transfer", packet.Topic);
        Assert.Equal(string.Empty, packet.ParticipantIdentity);
        Assert.Null(packet.Participant);
        Assert.Equal("{\"state\":\"Briefing\"}", Encoding.UTF8.GetString(packet.Payload.Span));
    }

    [Fact]
    public async Task RemoveParticipant_ByServer_RemovedClientDisconnectedWithReason_OtherSeesItLeave()
    {
        var (stays, staysEvents) = await JoinAsync("removal", "stays");
        await using var _s = stays;
        var (removed, removedEvents) = await JoinAsync("removal", "removed");
        await using var _r = removed;

        await RoomService.RemoveParticipantAsync("removal", "removed");

        var disconnected = await removedEvents.WaitAsync<DisconnectedEvent>();
        Assert.Equal(DisconnectReason.ParticipantRemoved, disconnected.Reason);
        var left = await staysEvents.WaitAsync<ParticipantDisconnectedEvent>();
        Assert.Equal("removed", left.Participant.Identity);
        Assert.False(removed.IsConnected);
        Assert.Equal(["stays"], (await RoomService.ListParticipantsAsync("removal")).Select(p => p.Identity));
    }

    [Fact]
    public async Task DeleteRoom_ByServer_EveryClientDisconnectedWithRoomDeleted()
    {
        var (a, aEvents) = await JoinAsync("deleted", "a");
        await using var _a = a;
        var (b, bEvents) = await JoinAsync("deleted", "b");
        await using var _b = b;

        await RoomService.DeleteRoomAsync("deleted");

        Assert.Equal(DisconnectReason.RoomDeleted, (await aEvents.WaitAsync<DisconnectedEvent>()).Reason);
        Assert.Equal(DisconnectReason.RoomDeleted, (await bEvents.WaitAsync<DisconnectedEvent>()).Reason);
        Assert.DoesNotContain(await RoomService.ListRoomsAsync(), r => r.Name == "deleted");
    }

    /// <summary>
    /// Many full connections (signalling, both peer connections, data channels) opened and closed, four at a time,
    /// while a watcher stays in the room: every one is seen arriving and leaving, the server ends with the watcher
    /// alone, and no native handle is left behind.
    /// </summary>
    [Fact]
    public async Task ConnectDisconnect_200Cycles_NoHandleLeft_ServerAndWatcherSeeEveryOneLeave()
    {
        const int Cycles = 200;
        const int Concurrency = 4;
        long handlesBefore = RtcRuntime.LiveHandleCount;
        var (watcher, watcherEvents) = await JoinAsync("cycles", "watcher");

        await Parallel.ForEachAsync(Enumerable.Range(0, Cycles), new ParallelOptions { MaxDegreeOfParallelism = Concurrency }, async (i, ct) =>
        {
            var room = new Room();
            await room.ConnectAsync(_server.Url, _server.CreateToken("cycles", $"visitor-{i}"), cancellationToken: ct).WaitAsync(RoomEventLog.Patience, ct);
            Assert.True(room.IsConnected);
            if (i % 2 == 0)
            {
                // Half leave explicitly, half only dispose (which disconnects too).
                await room.DisconnectAsync(ct);
            }

            await room.DisposeAsync();
        });

        for (int i = 0; i < Cycles; i++)
        {
            var identity = $"visitor-{i}";
            await watcherEvents.WaitAsync<ParticipantDisconnectedEvent>(e => e.Participant.Identity == identity);
        }

        Assert.Equal(Cycles, watcherEvents.Events.OfType<ParticipantConnectedEvent>().Select(e => e.Participant.Identity).Distinct().Count());
        Assert.Empty(watcher.RemoteParticipants);
        Assert.Equal(["watcher"], (await RoomService.ListParticipantsAsync("cycles")).Select(p => p.Identity));
        await watcher.DisposeAsync();
        Assert.Equal(handlesBefore, RtcRuntime.LiveHandleCount);
    }
}
