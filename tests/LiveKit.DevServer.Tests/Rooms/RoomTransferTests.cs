using LiveKit.DevServer.Rooms;
using LiveKit.Proto;

namespace LiveKit.DevServer.Tests.Rooms;

/// <summary>MoveParticipant and ForwardParticipant at room level.</summary>
public sealed class RoomTransferTests
{
    [Fact]
    public async Task Move_ClientGetsRoomMovedFirst_SourceSeesLeave_DestinationSeesJoinWithTracks()
    {
        await using var h = new RoomHarness();
        var agentB = h.Join("handoff", "agent-b");
        h.Join("handoff", "agent-a");
        var caller = h.Join("call", "caller");
        var callerTrack = h.Publish(caller, "caller-mic");
        var bTrack = h.Publish(agentB, "b-mic");
        var sidBefore = agentB.Sid;
        string? mintedFor = null;
        await h.AnswerOffersAsync("agent-b");

        var outcome = h.Manager.Move("handoff", "agent-b", "call", info =>
        {
            mintedFor = info.Identity;
            return "fresh-token";
        });
        await h.SettleAsync();

        Assert.Equal(TransferOutcome.Done, outcome);
        Assert.Equal("agent-b", mintedFor);
        Assert.Same(h.Manager.Find("call"), agentB.Room);

        // The moved client: room_moved with the destination, the token, itself and the others.
        var bFrames = h.Signals["agent-b"].Frames.ToList();
        var movedIndex = bFrames.FindIndex(f => f.MessageCase == SignalResponse.MessageOneofCase.RoomMoved);
        var moved = bFrames[movedIndex].RoomMoved;
        Assert.Equal("call", moved.Room.Name);
        Assert.Equal("fresh-token", moved.Token);
        Assert.Equal(sidBefore, moved.Participant.Sid);
        Assert.Equal("caller", Assert.Single(moved.OtherParticipants).Identity);
        Assert.DoesNotContain(bFrames.Take(movedIndex), f => f.Update?.Participants.Any(p => p.Identity == "caller") == true);
        Assert.Contains(callerTrack, h.Media.Of("agent-b").Subscribed.Select(t => t.Info.Sid));

        // The source room sees it go; the destination sees it arrive with its track, and subscribes.
        Assert.Contains(h.Signals["agent-a"].UpdatesFor("agent-b"), p => p.State == ParticipantInfo.Types.State.Disconnected);
        Assert.Empty(h.Media.Of("agent-a").Subscribed);
        Assert.Contains(h.Signals["caller"].UpdatesFor("agent-b"), p => p.Tracks.Any(t => t.Sid == bTrack));
        Assert.Contains(bTrack, h.Media.Of("caller").Subscribed.Select(t => t.Info.Sid));
        Assert.False(h.Signals["agent-b"].Closed);
        Assert.Equal(["caller", "agent-b"], h.Manager.Find("call")!.ListParticipants().Select(p => p.Identity));
        Assert.Contains("participant_left:handoff:agent-b", h.Observer.Events);
        Assert.Contains("participant_joined:call:agent-b", h.Observer.Events);
    }

    [Fact]
    public async Task Move_SubscriberOfferUnanswered_RoomMovedWaitsForTheAnswer_ThenEverythingFollowsInOrder()
    {
        await using var h = new RoomHarness();
        h.Join("handoff", "agent-b");
        var bot = h.Join("handoff", "bot");
        var caller = h.Join("call", "caller");
        var callerTrack = h.Publish(caller, "caller-mic");
        await h.AnswerOffersAsync("agent-b");
        var briefing = h.Publish(bot, "briefing");
        var b = h.Signals["agent-b"];
        var inFlight = await b.WaitForAsync(f => f.Offer?.Sdp.Contains(briefing, StringComparison.Ordinal) == true);

        // Moved while the offer carrying the bot's briefing track is unanswered: applying it would fire a track event
        // for the bot, whom room_moved makes the client forget. Nothing more reaches the client until it answers.
        Assert.Equal(TransferOutcome.Done, h.Manager.Move("handoff", "agent-b", "call", _ => "fresh-token"));
        h.Join("call", "supervisor");
        await h.SettleAsync();
        Assert.Same(inFlight, b.Frames[^1]);

        await h.Participants["agent-b"].Negotiator!.OnAnswerAsync(new SessionDescription { Type = "answer", Sdp = "answer", Id = inFlight.Offer.Id }, CancellationToken.None);
        var next = await b.WaitForAsync(f => f.Offer?.Sdp.Contains(callerTrack, StringComparison.Ordinal) == true);

        var after = b.Frames.SkipWhile(f => f != inFlight).Skip(1).ToList();
        var moved = after.FindIndex(f => f.MessageCase == SignalResponse.MessageOneofCase.RoomMoved);
        var supervisorUpdate = after.FindIndex(f => f.Update?.Participants.Any(p => p.Identity == "supervisor") == true);
        Assert.Equal(0, moved);
        Assert.InRange(supervisorUpdate, moved + 1, int.MaxValue);
        Assert.InRange(after.IndexOf(next), moved + 1, int.MaxValue);
        Assert.DoesNotContain(briefing, next.Offer.Sdp, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Move_ClientNeverAnswers_RoomMovedStillArrivesAfterTheHoldLimit()
    {
        await using var h = new RoomHarness();
        h.Join("handoff", "agent-b");
        h.Join("call", "caller");
        var b = h.Signals["agent-b"];
        await b.WaitForAsync(f => f.MessageCase == SignalResponse.MessageOneofCase.Offer);

        Assert.Equal(TransferOutcome.Done, h.Manager.Move("handoff", "agent-b", "call", _ => "fresh-token"));
        h.Time.Advance(ServerRoom.MoveHoldLimit - TimeSpan.FromMilliseconds(100));
        await h.SettleAsync();
        Assert.Empty(b.Of(SignalResponse.MessageOneofCase.RoomMoved));

        h.Time.Advance(TimeSpan.FromMilliseconds(100));
        var moved = await b.WaitForAsync(f => f.MessageCase == SignalResponse.MessageOneofCase.RoomMoved);
        Assert.Equal("call", moved.RoomMoved.Room.Name);
    }

    [Fact]
    public async Task Move_Refusals_NotFound_IdentityTaken()
    {
        await using var h = new RoomHarness();
        h.Join("a", "x");
        h.Join("b", "x");

        Assert.Equal(TransferOutcome.ParticipantNotFound, h.Manager.Move("a", "nobody", "b", _ => "t"));
        Assert.Equal(TransferOutcome.IdentityTaken, h.Manager.Move("a", "x", "b", _ => "t"));
        Assert.Equal(TransferOutcome.ParticipantNotFound, h.Manager.Move("missing-room", "x", "b", _ => "t"));
    }

    [Fact]
    public async Task Forward_CopyAppearsWithTracks_FollowsPublishes_LeavesWithOriginal()
    {
        await using var h = new RoomHarness();
        var caller = h.Join("call", "caller");
        var first = h.Publish(caller, "c1");
        h.Join("handoff", "agent-b");

        Assert.Equal(TransferOutcome.Done, h.Manager.Forward("call", "caller", "handoff"));

        var copy = h.Manager.Find("handoff")!.GetParticipant("caller")!;
        Assert.Contains(ParticipantInfo.Types.KindDetail.Forwarded, copy.KindDetails);
        Assert.Equal(first, Assert.Single(copy.Tracks).Sid);
        Assert.Contains(first, h.Media.Of("agent-b").Subscribed.Select(t => t.Info.Sid));
        Assert.NotNull(h.Manager.Find("call")!.GetParticipant("caller"));

        var second = h.Publish(caller, "c2", "second");
        await h.SettleAsync();
        Assert.Equal(2, h.Manager.Find("handoff")!.GetParticipant("caller")!.Tracks.Count);
        Assert.Contains(second, h.Media.Of("agent-b").Subscribed.Select(t => t.Info.Sid));

        ServerRoom.Leave(caller, DisconnectReason.ClientInitiated);
        await h.SettleAsync();
        Assert.Null(h.Manager.Find("handoff")!.GetParticipant("caller"));
        Assert.Contains(h.Signals["agent-b"].UpdatesFor("caller"), p => p.State == ParticipantInfo.Types.State.Disconnected);
        Assert.Empty(h.Media.Of("agent-b").Subscribed);
    }
}
