using System.Net;
using System.Text;
using System.Text.Json;
using LiveKit.Rtc;
using WarmTransfer.ControlApi.Tests.TestSupport;

namespace WarmTransfer.ControlApi.Tests.WithDevServer;

/// <summary>
/// Transfers driven through the control API's HTTP endpoints with the dev server doing the LiveKit side for real:
/// rooms created and deleted, bot dispatches recorded (no worker runs: the dispatches stay listed), state packets
/// delivered into rooms, participants moved and removed. Everyone in a room is a LiveKit.Rtc (Rust core) client.
/// </summary>
public sealed class TransferLifecycleWithDevServerTests
{
    [Fact]
    public async Task Transfer_StartAcceptComplete_DevServerCreatesHandoff_DispatchesBot_MovesAgentB_RemovesAgentA()
    {
        await using var host = await DevServerControlApiHost.StartAsync();
        var (_, call, _) = await host.Client.PostAsync("/api/calls", new { name = "Pat Caller" });
        var room = call.Str("room");
        var callerIdentity = call.Str("identity");
        await using var caller = await RtcParticipant.ConnectAsync(call.Str("wsUrl"), call.Str("token"));
        using var alice = await host.LoginAsync("alice");
        using var bob = await host.LoginAsync("bob");
        await using var agentA = await ConnectAgentAsync(alice, room);

        // The call room's bot dispatch is on the server (beside the room's automatic dispatch, with no agent name,
        // which LiveKit creates for every new room).
        var callDispatch = Assert.Single(await host.Dispatches.ListDispatchAsync(room), d => d.AgentName == "warm-transfer");
        using (var metadata = JsonDocument.Parse(callDispatch.Metadata))
        {
            Assert.Equal("call", metadata.RootElement.Str("kind"));
            Assert.Equal(room, metadata.RootElement.Str("callRoom"));
        }

        // Start: the server gets the handoff room and its dispatch; the call room hears the state as data.
        var (started, transfer, _) = await alice.PostAsync("/api/transfers", new { callRoom = room, toAgent = "bob", notes = "Refund for order 42." });
        Assert.Equal(HttpStatusCode.Created, started);
        var id = transfer.Str("id");
        var handoff = transfer.Str("handoffRoom");
        Assert.Contains(await host.Rooms.ListRoomsAsync(), r => r.Name == handoff);
        var handoffDispatch = Assert.Single(await host.Dispatches.ListDispatchAsync(handoff), d => d.AgentName == "warm-transfer");
        using (var metadata = JsonDocument.Parse(handoffDispatch.Metadata))
        {
            Assert.Equal("handoff", metadata.RootElement.Str("kind"));
            Assert.Equal(id, metadata.RootElement.Str("transferId"));
            Assert.Equal(room, metadata.RootElement.Str("callRoom"));
            Assert.Equal(handoff, metadata.RootElement.Str("handoffRoom"));
        }

        var briefing = await caller.WaitAsync<DataReceivedEvent>(e => IsState(e, "Briefing"));
        Assert.Equal(string.Empty, briefing.Packet.ParticipantIdentity);
        using (var signal = JsonDocument.Parse(briefing.Packet.Payload))
        {
            Assert.Equal(id, signal.RootElement.Str("transferId"));
            Assert.Equal(handoff, signal.RootElement.Str("handoffRoom"));
        }

        // Agent B joins the handoff room with the token the API gives him, and accepts: the server moves him.
        await using var agentB = await ConnectAgentAsync(bob, handoff);
        Assert.Equal(handoff, agentB.Room.Name);
        var (acceptStatus, accepted, _) = await bob.PostAsync($"/api/transfers/{id}/accept");
        Assert.Equal(HttpStatusCode.OK, acceptStatus);
        Assert.True(accepted.GetProperty("moved").GetBoolean(), accepted.ToString());
        Assert.Equal(room, accepted.Str("room"));

        var inCall = await DevServerWait.UntilAsync(() => host.Rooms.ListParticipantsAsync(room), ps => ps.Any(p => p.Identity == "bob"), "bob in the call room");
        Assert.Equal(new[] { callerIdentity, "alice", "bob" }.Order(StringComparer.Ordinal), inCall.Select(p => p.Identity).Order(StringComparer.Ordinal));
        Assert.DoesNotContain(await host.Rooms.ListParticipantsAsync(handoff), p => p.Identity == "bob");
        Assert.Equal("bob", (await caller.WaitAsync<ParticipantConnectedEvent>(e => e.Participant.Identity == "bob")).Participant.Identity);
        Assert.True(agentB.Room.IsConnected);
        await caller.WaitAsync<DataReceivedEvent>(e => IsState(e, "Accepted"));

        // Complete: the server removes Agent A from the call and deletes the handoff room; caller and B stay.
        var (completeStatus, completed, _) = await alice.PostAsync($"/api/transfers/{id}/complete");
        Assert.Equal(HttpStatusCode.OK, completeStatus);
        Assert.Equal("Completed", completed.Str("state"));
        Assert.Equal(DisconnectReason.ParticipantRemoved, (await agentA.WaitAsync<DisconnectedEvent>()).Reason);
        Assert.Equal("alice", (await caller.WaitAsync<ParticipantDisconnectedEvent>()).Participant.Identity);
        var remaining = await host.Rooms.ListParticipantsAsync(room);
        Assert.Equal(new[] { callerIdentity, "bob" }.Order(StringComparer.Ordinal), remaining.Select(p => p.Identity).Order(StringComparer.Ordinal));
        Assert.DoesNotContain(await host.Rooms.ListRoomsAsync(), r => r.Name == handoff);
        Assert.True(caller.Room.IsConnected);
        await caller.WaitAsync<DataReceivedEvent>(e => IsState(e, "Completed"));
    }

    [Fact]
    public async Task SeedTransfer_MoveCaller_DevServerMovesTheConnectedCallerIntoTheNewRoom()
    {
        await using var host = await DevServerControlApiHost.StartAsync();
        var (_, created, _) = await host.Client.PostAsync("/create-room", new { room = "seed-call" });
        Assert.Equal("seed-call", created.Str("room"));
        var (_, callerToken, _) = await host.Client.PostAsync("/token", new { identity = "pat", room = "seed-call" });
        var (_, agentAToken, _) = await host.Client.PostAsync("/token", new { identity = "alice", room = "seed-call" });
        await using var caller = await RtcParticipant.ConnectAsync(callerToken.Str("wsUrl"), callerToken.Str("token"));
        await using var agentA = await RtcParticipant.ConnectAsync(agentAToken.Str("wsUrl"), agentAToken.Str("token"));

        var (transferStatus, transfer, _) = await host.Client.PostAsync("/transfer", new { fromRoom = "seed-call", agentA = "alice", agentB = "bob", transcript = "pat: I was double charged." });
        Assert.Equal(HttpStatusCode.OK, transferStatus);
        var newRoom = transfer.Str("newRoom");
        Assert.Contains(await host.Rooms.ListRoomsAsync(), r => r.Name == newRoom);
        await using var agentB = await RtcParticipant.ConnectAsync(transfer.Str("wsUrl"), transfer.Str("agentBToken"));
        Assert.Equal(newRoom, agentB.Room.Name);

        var (moveStatus, moved, _) = await host.Client.PostAsync("/move-caller", new { identity = "pat", fromRoom = "seed-call", newRoom });

        Assert.Equal(HttpStatusCode.OK, moveStatus);
        Assert.True(moved.GetProperty("moved").GetBoolean(), moved.ToString());
        var there = await DevServerWait.UntilAsync(() => host.Rooms.ListParticipantsAsync(newRoom), ps => ps.Any(p => p.Identity == "pat"), "the caller in the new room");
        Assert.Contains(there, p => p.Identity == "bob");
        Assert.DoesNotContain(await host.Rooms.ListParticipantsAsync("seed-call"), p => p.Identity == "pat");
        Assert.Equal("pat", (await agentB.WaitAsync<ParticipantConnectedEvent>(e => e.Participant.Identity == "pat")).Participant.Identity);
        Assert.Equal("pat", (await agentA.WaitAsync<ParticipantDisconnectedEvent>()).Participant.Identity);
        Assert.True(caller.Room.IsConnected);
    }

    [Fact]
    public async Task CloseRoom_ThroughTheApi_DevServerDisconnectsEveryoneAndDeletesIt()
    {
        await using var host = await DevServerControlApiHost.StartAsync();
        var (_, call, _) = await host.Client.PostAsync("/api/calls", new { name = "Pat Caller" });
        var room = call.Str("room");
        await using var caller = await RtcParticipant.ConnectAsync(call.Str("wsUrl"), call.Str("token"));
        using var alice = await host.LoginAsync("alice");
        await using var agentA = await ConnectAgentAsync(alice, room);
        Assert.Equal(2, (await host.Rooms.ListParticipantsAsync(room)).Count);

        var (status, _, _) = await alice.DeleteJsonAsync($"/api/rooms/{room}");

        Assert.Equal(HttpStatusCode.NoContent, status);
        Assert.Equal(DisconnectReason.RoomDeleted, (await caller.WaitAsync<DisconnectedEvent>()).Reason);
        Assert.Equal(DisconnectReason.RoomDeleted, (await agentA.WaitAsync<DisconnectedEvent>()).Reason);
        Assert.DoesNotContain(await host.Rooms.ListRoomsAsync(), r => r.Name == room);
        Assert.False(caller.Room.IsConnected);
    }

    private static async Task<RtcParticipant> ConnectAgentAsync(HttpClient agent, string room)
    {
        var (status, token, _) = await agent.PostAsync("/api/tokens/agent", new { room });
        Assert.True(status == HttpStatusCode.OK, $"agent token for {room}: {(int)status} {token}");
        return await RtcParticipant.ConnectAsync(token.Str("wsUrl"), token.Str("token"));
    }

    private static bool IsState(DataReceivedEvent e, string state)
    {
        if (e.Packet.Topic != "wt.transfer")
        {
            return false;
        }

        using var json = JsonDocument.Parse(e.Packet.Payload);
        return json.RootElement.Str("state") == state;
    }
}
