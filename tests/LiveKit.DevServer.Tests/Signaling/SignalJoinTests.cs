using LiveKit.DevServer.Tests.Support;
using LiveKit.Proto;

namespace LiveKit.DevServer.Tests.Signaling;

/// <summary>Joining through /rtc with our raw client: what the server sends, in which order.</summary>
public sealed class SignalJoinTests
{
    [Fact]
    public async Task Join_FirstMessage_IsJoinResponseFilledAsLiveKitDoes()
    {
        await using var server = await TestServer.StartAsync();
        var (client, join) = await SignalTestClient.JoinAsync(server, Tokens.Join(server, "room-a", "alice", token: t => t.WithName("Alice").WithMetadata("m1")));
        await using var _ = client;

        Assert.StartsWith("RM_", join.Room.Sid, StringComparison.Ordinal);
        Assert.Equal("room-a", join.Room.Name);
        Assert.StartsWith("PA_", join.Participant.Sid, StringComparison.Ordinal);
        Assert.Equal("alice", join.Participant.Identity);
        Assert.Equal("Alice", join.Participant.Name);
        Assert.Equal("m1", join.Participant.Metadata);
        Assert.Equal(ParticipantInfo.Types.State.Joined, join.Participant.State);
        Assert.True(join.Participant.Version > 0);
        Assert.True(join.Participant.Permission.CanPublish);
        Assert.True(join.Participant.Permission.CanSubscribe);
        Assert.True(join.Participant.Permission.CanPublishData);
        Assert.Equal(5, join.PingInterval);
        Assert.Equal(15, join.PingTimeout);
        Assert.True(join.SubscriberPrimary);
        Assert.Matches(@"^\d+\.\d+\.\d+$", join.ServerInfo.Version);
        Assert.Equal(join.ServerInfo.Version, join.ServerVersion);
        Assert.Empty(join.OtherParticipants);
        Assert.Equal(1, join.Participant.ClientProtocol);
    }

    [Fact]
    public async Task Join_TokenInAuthorizationHeader_IsAccepted()
    {
        await using var server = await TestServer.StartAsync();
        await using var client = await SignalTestClient.ConnectAsync(server, Tokens.Join(server, "room-a", "rusty"), "auto_subscribe=1&sdk=rust&protocol=17", tokenInHeader: true);
        var first = await client.NextAsync();
        Assert.Equal("rusty", first.Join.Participant.Identity);
    }

    [Fact]
    public async Task Join_SecondParticipant_BothSeeEachOtherWithIncreasingVersions()
    {
        await using var server = await TestServer.StartAsync();
        var (alice, aliceJoin) = await SignalTestClient.JoinAsync(server, Tokens.Join(server, "room-a", "alice"));
        await using var _ = alice;
        var (bob, bobJoin) = await SignalTestClient.JoinAsync(server, Tokens.Join(server, "room-a", "bob"));
        await using var __ = bob;

        var seenByBob = Assert.Single(bobJoin.OtherParticipants);
        Assert.Equal("alice", seenByBob.Identity);
        Assert.Equal(aliceJoin.Participant.Sid, seenByBob.Sid);
        Assert.Equal(aliceJoin.Room.Sid, bobJoin.Room.Sid);

        var bobSeenByAlice = await alice.WaitForParticipantAsync("bob");
        Assert.Equal(bobJoin.Participant.Sid, bobSeenByAlice.Sid);

        await bob.LeaveAsync();
        var gone = await alice.WaitForParticipantAsync("bob", ParticipantInfo.Types.State.Disconnected);
        Assert.True(gone.Version > bobSeenByAlice.Version);
        Assert.Equal(DisconnectReason.ClientInitiated, gone.DisconnectReason);
    }

    [Fact]
    public async Task Close_WithoutLeave_OthersSeeDisconnected()
    {
        await using var server = await TestServer.StartAsync();
        var (alice, _) = await SignalTestClient.JoinAsync(server, Tokens.Join(server, "room-a", "alice"));
        await using var a = alice;
        var (bob, _) = await SignalTestClient.JoinAsync(server, Tokens.Join(server, "room-a", "bob"));
        await alice.WaitForParticipantAsync("bob");

        await bob.DisposeAsync();

        var gone = await alice.WaitForParticipantAsync("bob", ParticipantInfo.Types.State.Disconnected);
        Assert.Equal(DisconnectReason.SignalClose, gone.DisconnectReason);
        Assert.Single(server.Rooms().Find("room-a")!.ListParticipants());
    }

    [Fact]
    public async Task PingReq_AnsweredWithPongResp_EchoingTheTimestamp()
    {
        await using var server = await TestServer.StartAsync();
        var (client, _) = await SignalTestClient.JoinAsync(server, Tokens.Join(server, "room-a", "alice"));
        await using var __ = client;

        await client.SendAsync(new SignalRequest { PingReq = new Ping { Timestamp = 1234567, Rtt = 12 } });
        var pong = await client.WaitForAsync(SignalResponse.MessageOneofCase.PongResp);
        Assert.Equal(1234567, pong.PongResp.LastPingTimestamp);
        Assert.True(pong.PongResp.Timestamp > 1_600_000_000_000);

        await client.SendAsync(new SignalRequest { Ping = 42 });
        var legacy = await client.WaitForAsync(SignalResponse.MessageOneofCase.Pong);
        Assert.True(legacy.Pong > 1_600_000_000_000);
    }

    [Fact]
    public async Task DuplicateIdentity_OldSessionGetsLeave_OthersSeeTheSwap()
    {
        await using var server = await TestServer.StartAsync();
        var (watcher, _) = await SignalTestClient.JoinAsync(server, Tokens.Join(server, "room-a", "watcher"));
        await using var w = watcher;
        var (first, firstJoin) = await SignalTestClient.JoinAsync(server, Tokens.Join(server, "room-a", "agent-a"));
        await using var f = first;
        await watcher.WaitForParticipantAsync("agent-a");

        var (second, secondJoin) = await SignalTestClient.JoinAsync(server, Tokens.Join(server, "room-a", "agent-a"));
        await using var s = second;

        var leave = await first.WaitForAsync(SignalResponse.MessageOneofCase.Leave);
        Assert.Equal(DisconnectReason.DuplicateIdentity, leave.Leave.Reason);
        Assert.Equal(LeaveRequest.Types.Action.Disconnect, leave.Leave.Action);
        Assert.False(leave.Leave.CanReconnect);
        await first.Closed.WaitAsync(TestTimeouts.Event);

        var old = await watcher.WaitForParticipantAsync("agent-a", ParticipantInfo.Types.State.Disconnected);
        Assert.Equal(firstJoin.Participant.Sid, old.Sid);
        var fresh = await watcher.WaitForParticipantAsync("agent-a", ParticipantInfo.Types.State.Joined);
        Assert.Equal(secondJoin.Participant.Sid, fresh.Sid);
        Assert.NotEqual(firstJoin.Participant.Sid, secondJoin.Participant.Sid);
    }

    [Fact]
    public async Task Resume_RefusedWithLeaveReconnectAsFirstMessage()
    {
        await using var server = await TestServer.StartAsync();
        var token = Tokens.Join(server, "room-a", "alice");
        var (client, join) = await SignalTestClient.JoinAsync(server, token);
        await using var _ = client;

        await using var resume = await SignalTestClient.ConnectAsync(server, token, $"reconnect=1&sid={join.Participant.Sid}&reconnect_reason=1&protocol=17");
        var first = await resume.NextAsync();

        Assert.Equal(SignalResponse.MessageOneofCase.Leave, first.MessageCase);
        Assert.Equal(LeaveRequest.Types.Action.Reconnect, first.Leave.Action);
        await resume.Closed.WaitAsync(TestTimeouts.Event);
    }

    [Fact]
    public async Task HiddenParticipant_IsInvisibleToOthers_ButSeesThem()
    {
        await using var server = await TestServer.StartAsync();
        var (alice, _) = await SignalTestClient.JoinAsync(server, Tokens.Join(server, "room-a", "alice"));
        await using var a = alice;
        var (bot, botJoin) = await SignalTestClient.JoinAsync(server, Tokens.Join(server, "room-a", "bot", g => g.Hidden = true));
        await using var b = bot;
        var (carol, carolJoin) = await SignalTestClient.JoinAsync(server, Tokens.Join(server, "room-a", "carol"));
        await using var c = carol;

        Assert.Equal("alice", Assert.Single(botJoin.OtherParticipants).Identity);
        Assert.DoesNotContain(carolJoin.OtherParticipants, p => p.Identity == "bot");
        await bot.WaitForParticipantAsync("carol");
        await alice.WaitForParticipantAsync("carol");

        await bot.LeaveAsync();
        var aliceSaw = await alice.DrainQuietAsync();
        Assert.DoesNotContain(aliceSaw, r => r.Update?.Participants.Any(p => p.Identity == "bot") == true);
    }

    [Fact]
    public async Task RoomFull_JoinRefusedWithLeaveJoinFailure()
    {
        await using var server = await TestServer.StartAsync(o => o.Limits.MaxParticipantsPerRoom = 1);
        var (alice, _) = await SignalTestClient.JoinAsync(server, Tokens.Join(server, "room-a", "alice"));
        await using var a = alice;

        await using var bob = await SignalTestClient.ConnectAsync(server, Tokens.Join(server, "room-a", "bob"));
        var first = await bob.NextAsync();

        Assert.Equal(DisconnectReason.JoinFailure, first.Leave.Reason);
        Assert.Empty(await alice.DrainQuietAsync());
    }
}
