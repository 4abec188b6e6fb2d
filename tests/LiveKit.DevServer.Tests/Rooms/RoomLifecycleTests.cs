using LiveKit.DevServer.Rooms;
using LiveKit.DevServer.Rooms.Media;
using LiveKit.Proto;

namespace LiveKit.DevServer.Tests.Rooms;

/// <summary>Room state through the media seam: publish order, negotiation, timeouts, server-side changes.</summary>
public sealed class RoomLifecycleTests
{
    [Fact]
    public async Task TrackArrives_UpdateReachesSubscriberBeforeTheOfferCarryingTheTrack()
    {
        await using var h = new RoomHarness();
        var alice = h.Join("r", "alice");
        h.Join("r", "bob");
        var bobSignal = h.Signals["bob"];
        var firstOffer = await bobSignal.WaitForAsync(f => f.MessageCase == SignalResponse.MessageOneofCase.Offer);
        await ServerRoom_AnswerAsync(h, "bob", firstOffer.Offer.Id);

        var trackSid = h.Publish(alice, "cid-1");

        var offer = await bobSignal.WaitForAsync(f => f.Offer?.Sdp.Contains(trackSid, StringComparison.Ordinal) == true);
        var frames = bobSignal.Frames.ToList();
        var updateIndex = frames.FindIndex(f => f.Update?.Participants.Any(p => p.Tracks.Any(t => t.Sid == trackSid)) == true);
        Assert.InRange(updateIndex, 0, frames.IndexOf(offer) - 1);
        Assert.Contains($"{alice.Sid}|{trackSid}", offer.Offer.Sdp, StringComparison.Ordinal);
        Assert.Equal("offer", offer.Offer.Type);
        Assert.Equal($"{alice.Sid}|{trackSid}", Assert.Single(h.Media.Of("bob").Subscribed).StreamId);
        Assert.Single(h.Signals["alice"].Of(SignalResponse.MessageOneofCase.TrackSubscribed));
        Assert.Contains("track_published:r:alice:mic", h.Observer.Events);
    }

    [Fact]
    public async Task Negotiation_OneOfferInFlight_ChangesFoldedIntoOneFollowUp_StaleAnswerIgnored()
    {
        await using var h = new RoomHarness();
        var alice = h.Join("r", "alice");
        h.Join("r", "bob");
        var bobSignal = h.Signals["bob"];
        var first = await bobSignal.WaitForAsync(f => f.MessageCase == SignalResponse.MessageOneofCase.Offer);

        // Two tracks arrive while offer 1 is unanswered: no offer is sent until the answer.
        var t1 = h.Publish(alice, "c1", "one");
        var t2 = h.Publish(alice, "c2", "two");
        Assert.Single(bobSignal.Of(SignalResponse.MessageOneofCase.Offer));

        var negotiator = ParticipantOf(h, "bob").Negotiator!;
        await negotiator.OnAnswerAsync(new SessionDescription { Type = "answer", Sdp = "stale", Id = first.Offer.Id + 5 }, CancellationToken.None);
        Assert.Empty(h.Media.Of("bob").AppliedAnswers);

        await ServerRoom_AnswerAsync(h, "bob", first.Offer.Id);
        var second = await bobSignal.WaitForAsync(f => f.Offer?.Id == first.Offer.Id + 1);
        Assert.Contains(t1, second.Offer.Sdp, StringComparison.Ordinal);
        Assert.Contains(t2, second.Offer.Sdp, StringComparison.Ordinal);
        Assert.Equal(2, bobSignal.Of(SignalResponse.MessageOneofCase.Offer).Count());
    }

    [Fact]
    public async Task EmptyTimeout_RoomNeverJoined_ClosesAfterItsTimeout()
    {
        await using var h = new RoomHarness();
        h.Manager.GetOrCreate("api-room", new RoomSettings { EmptyTimeoutSeconds = 60 }, out var created);
        Assert.True(created);

        h.Time.Advance(TimeSpan.FromSeconds(59));
        Assert.NotNull(h.Manager.Find("api-room"));
        h.Time.Advance(TimeSpan.FromSeconds(2));

        Assert.Null(h.Manager.Find("api-room"));
        Assert.Equal(["room_started:api-room", "room_finished:api-room"], h.Observer.Events);
    }

    [Fact]
    public async Task DepartureTimeout_AfterLastLeaves_RoomCloses_UnlessSomeoneRejoins()
    {
        await using var h = new RoomHarness();
        var alice = h.Join("r", "alice");
        ServerRoom.Leave(alice, DisconnectReason.ClientInitiated);

        h.Time.Advance(TimeSpan.FromSeconds(15));
        h.Join("r", "bob");
        h.Time.Advance(TimeSpan.FromSeconds(30));
        Assert.NotNull(h.Manager.Find("r"));

        ServerRoom.Leave(ParticipantOf(h, "bob"), DisconnectReason.ClientInitiated);
        h.Time.Advance(TimeSpan.FromSeconds(21));
        Assert.Null(h.Manager.Find("r"));
        Assert.Equal("room_finished:r", h.Observer.Events[^1]);
    }

    [Fact]
    public async Task DeleteRoom_EveryoneGetsLeaveRoomDeleted_MediaDisposed()
    {
        await using var h = new RoomHarness();
        h.Join("r", "alice");
        h.Join("r", "bob");

        Assert.True(h.Manager.Delete("r"));
        await h.SettleAsync();

        foreach (var who in new[] { "alice", "bob" })
        {
            Assert.True(h.Signals[who].Closed);
            Assert.Equal(DisconnectReason.RoomDeleted, h.Signals[who].Leave!.Reason);
            Assert.Equal(LeaveRequest.Types.Action.Disconnect, h.Signals[who].Leave!.Action);
            Assert.True(h.Media.Of(who).Disposed);
        }

        Assert.Null(h.Manager.Find("r"));
    }

    [Fact]
    public async Task MutePublishedTrack_PublisherToldWithMute_OthersWithUpdate()
    {
        await using var h = new RoomHarness();
        var alice = h.Join("r", "alice");
        h.Join("r", "bob");
        var sid = h.Publish(alice, "c1");

        var (found, track) = alice.Room.MutePublishedTrack("alice", sid, muted: true);

        Assert.True(found);
        Assert.True(track!.Muted);
        Assert.True(Assert.Single(h.Signals["alice"].Of(SignalResponse.MessageOneofCase.Mute)).Mute.Muted);
        Assert.Contains(h.Signals["bob"].UpdatesFor("alice"), p => p.Tracks.Any(t => t.Sid == sid && t.Muted));
        Assert.Equal((false, null), alice.Room.MutePublishedTrack("nobody", sid, true));
        Assert.Equal((true, null), alice.Room.MutePublishedTrack("alice", "TR_none", true));
    }

    [Fact]
    public async Task UpdateParticipant_RevokingPublish_UnpublishesTracks()
    {
        await using var h = new RoomHarness();
        var alice = h.Join("r", "alice");
        h.Join("r", "bob");
        var sid = h.Publish(alice, "c1");
        Assert.Single(h.Media.Of("bob").Subscribed);

        var info = alice.Room.UpdateParticipant(new UpdateParticipantRequest { Identity = "alice", Permission = new ParticipantPermission { CanSubscribe = true }, Metadata = "demoted" });

        Assert.Empty(info!.Tracks);
        Assert.Equal("demoted", info.Metadata);
        Assert.Empty(h.Media.Of("bob").Subscribed);
        Assert.Equal(sid, Assert.Single(h.Signals["alice"].Of(SignalResponse.MessageOneofCase.TrackUnpublished)).TrackUnpublished.TrackSid);
        Assert.Contains(h.Signals["alice"].UpdatesFor("alice"), p => p.Metadata == "demoted");
        Assert.Contains(h.Signals["bob"].UpdatesFor("alice"), p => p.Metadata == "demoted" && p.Tracks.Count == 0);
    }

    [Fact]
    public async Task UpdateRoomMetadata_EveryoneGetsRoomUpdate()
    {
        await using var h = new RoomHarness();
        var alice = h.Join("r", "alice");

        var room = alice.Room.UpdateMetadata("{\"phase\":\"hold\"}");

        Assert.Equal("{\"phase\":\"hold\"}", room.Metadata);
        Assert.Equal(room.Metadata, Assert.Single(h.Signals["alice"].Of(SignalResponse.MessageOneofCase.RoomUpdate)).RoomUpdate.Room.Metadata);
    }

    private static ServerParticipant ParticipantOf(RoomHarness h, string identity) => h.Participants[identity];

    private static Task ServerRoom_AnswerAsync(RoomHarness h, string identity, uint offerId) =>
        ParticipantOf(h, identity).Negotiator!.OnAnswerAsync(new SessionDescription { Type = "answer", Sdp = "answer " + offerId, Id = offerId }, CancellationToken.None).AsTask();
}
