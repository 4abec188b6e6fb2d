using LiveKit.DevServer.Tests.Support;
using LiveKit.Proto;

namespace LiveKit.DevServer.Tests.Signaling;

/// <summary>Publishing, muting, subscriptions and metadata over /rtc (signal-only media plane).</summary>
public sealed class SignalTrackTests
{
    [Fact]
    public async Task AddTrack_RepliesTrackPublishedWithCid_AndOthersSeeTheTrack()
    {
        await using var server = await TestServer.StartAsync();
        var (alice, _) = await SignalTestClient.JoinAsync(server, Tokens.Join(server, "room-a", "alice"));
        await using var a = alice;
        var (bob, _) = await SignalTestClient.JoinAsync(server, Tokens.Join(server, "room-a", "bob"));
        await using var b = bob;

        await alice.SendAsync(new SignalRequest
        {
            AddTrack = new AddTrackRequest { Cid = "mic-cid-1", Name = "microphone", Type = TrackType.Audio, Source = TrackSource.Microphone, Stream = "camera" },
        });

        var published = await alice.WaitForAsync(SignalResponse.MessageOneofCase.TrackPublished);
        Assert.Equal("mic-cid-1", published.TrackPublished.Cid);
        Assert.StartsWith("TR_", published.TrackPublished.Track.Sid, StringComparison.Ordinal);
        Assert.Equal("audio/opus", published.TrackPublished.Track.MimeType);
        Assert.Equal(TrackSource.Microphone, published.TrackPublished.Track.Source);
        Assert.Equal("microphone", published.TrackPublished.Track.Name);

        var aliceWithTrack = await bob.WaitForParticipantAsync("alice", match: p => p.Tracks.Count == 1);
        Assert.Equal(published.TrackPublished.Track.Sid, aliceWithTrack.Tracks[0].Sid);
        Assert.True(aliceWithTrack.IsPublisher);

        await alice.SendAsync(new SignalRequest { Mute = new MuteTrackRequest { Sid = published.TrackPublished.Track.Sid, Muted = true } });
        var muted = await bob.WaitForParticipantAsync("alice", match: p => p.Tracks.Count == 1 && p.Tracks[0].Muted);
        Assert.True(muted.Version > aliceWithTrack.Version);
    }

    [Fact]
    public async Task AddTrack_SourceNotAllowed_RefusedWithRequestResponse()
    {
        await using var server = await TestServer.StartAsync();
        var (alice, _) = await SignalTestClient.JoinAsync(server, Tokens.Join(server, "room-a", "alice", g => g.CanPublishSources = [TrackSource.Microphone]));
        await using var a = alice;

        await alice.SendAsync(new SignalRequest { AddTrack = new AddTrackRequest { Cid = "cam", Type = TrackType.Video, Source = TrackSource.Camera } });

        var refused = await alice.WaitForAsync(SignalResponse.MessageOneofCase.RequestResponse);
        Assert.Equal(RequestResponse.Types.Reason.NotAllowed, refused.RequestResponse.Reason);
        Assert.Equal("cam", refused.RequestResponse.AddTrack.Cid);
    }

    [Fact]
    public async Task Subscription_UnknownTrack_AnsweredWithTrackNotFound()
    {
        await using var server = await TestServer.StartAsync();
        var (alice, _) = await SignalTestClient.JoinAsync(server, Tokens.Join(server, "room-a", "alice"), "auto_subscribe=0&protocol=17");
        await using var a = alice;

        await alice.SendAsync(new SignalRequest { Subscription = new UpdateSubscription { TrackSids = { "TR_nothere" }, Subscribe = true } });

        var response = await alice.WaitForAsync(SignalResponse.MessageOneofCase.SubscriptionResponse);
        Assert.Equal("TR_nothere", response.SubscriptionResponse.TrackSid);
        Assert.Equal(SubscriptionError.SeTrackNotfound, response.SubscriptionResponse.Err);
    }

    [Fact]
    public async Task UpdateMetadata_Allowed_RepliesOkAndUpdatesEveryone()
    {
        await using var server = await TestServer.StartAsync();
        var (alice, _) = await SignalTestClient.JoinAsync(server, Tokens.Join(server, "room-a", "alice", g => g.CanUpdateOwnMetadata = true));
        await using var a = alice;
        var (bob, _) = await SignalTestClient.JoinAsync(server, Tokens.Join(server, "room-a", "bob"));
        await using var b = bob;

        await alice.SendAsync(new SignalRequest
        {
            UpdateMetadata = new UpdateParticipantMetadata { Metadata = "busy", Name = "Alice A", Attributes = { ["role"] = "agent-a" }, RequestId = 7 },
        });

        var ok = await alice.WaitForAsync(SignalResponse.MessageOneofCase.RequestResponse);
        Assert.Equal(7u, ok.RequestResponse.RequestId);
        Assert.Equal(RequestResponse.Types.Reason.Ok, ok.RequestResponse.Reason);
        var seen = await bob.WaitForParticipantAsync("alice", match: p => p.Metadata == "busy");
        Assert.Equal("Alice A", seen.Name);
        Assert.Equal("agent-a", seen.Attributes["role"]);
    }

    [Fact]
    public async Task UpdateMetadata_WithoutGrant_RefusedNotAllowed_NobodyUpdated()
    {
        await using var server = await TestServer.StartAsync();
        var (alice, _) = await SignalTestClient.JoinAsync(server, Tokens.Join(server, "room-a", "alice"));
        await using var a = alice;
        var (bob, _) = await SignalTestClient.JoinAsync(server, Tokens.Join(server, "room-a", "bob"));
        await using var b = bob;
        await alice.WaitForParticipantAsync("bob");

        await alice.SendAsync(new SignalRequest { UpdateMetadata = new UpdateParticipantMetadata { Metadata = "x", RequestId = 3 } });

        var refused = await alice.WaitForAsync(SignalResponse.MessageOneofCase.RequestResponse);
        Assert.Equal(3u, refused.RequestResponse.RequestId);
        Assert.Equal(RequestResponse.Types.Reason.NotAllowed, refused.RequestResponse.Reason);
        Assert.Empty(await bob.DrainQuietAsync());
    }
}
