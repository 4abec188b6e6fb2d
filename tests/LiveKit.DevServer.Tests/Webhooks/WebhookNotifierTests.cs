using LiveKit.Api;
using LiveKit.DevServer.Tests.Support;
using LiveKit.Proto;

namespace LiveKit.DevServer.Tests.Webhooks;

/// <summary>Webhooks received by a local listener and verified with LiveKit.Api's WebhookReceiver.</summary>
public sealed class WebhookNotifierTests
{
    [Fact]
    public async Task RoomLifecycle_SignedWebhooksInOrder_VerifiedByWebhookReceiver()
    {
        await using var listener = await WebhookListener.StartAsync();
        await using var server = await TestServer.StartAsync(o => o.WebhookUrl = listener.Url);
        var receiver = new WebhookReceiver(server.ApiKey, server.ApiSecret);

        var (alice, _) = await SignalTestClient.JoinAsync(server, Tokens.Join(server, "hooked", "alice"));
        await alice.SendAsync(new SignalRequest { AddTrack = new AddTrackRequest { Cid = "mic", Name = "mic", Type = TrackType.Audio, Source = TrackSource.Microphone } });
        await alice.WaitForAsync(SignalResponse.MessageOneofCase.TrackPublished);
        var (bob, bobJoin) = await SignalTestClient.JoinAsync(server, Tokens.Join(server, "hooked", "bob"));
        Assert.Single(Assert.Single(bobJoin.OtherParticipants).Tracks);
        await alice.LeaveAsync();
        await new RoomServiceClient(server.HttpUrl, server.ApiKey, server.ApiSecret).DeleteRoomAsync("hooked");
        await bob.DisposeAsync();

        var events = new List<WebhookEvent>();
        for (var i = 0; i < 7; i++)
        {
            var received = await listener.NextAsync();
            Assert.Equal("application/webhook+json", received.ContentType);
            events.Add(receiver.Receive(received.Body, received.Authorization));
        }

        Assert.Equal(
            ["room_started", "participant_joined:alice", "track_published:alice", "participant_joined:bob", "participant_left:alice", "participant_left:bob", "room_finished"],
            events.Select(e => e.Participant is null ? e.Event : $"{e.Event}:{e.Participant.Identity}"));
        Assert.All(events, e => Assert.Equal("hooked", e.Room.Name));
        Assert.All(events, e => Assert.StartsWith("EV_", e.Id, StringComparison.Ordinal));
        Assert.Equal("mic", events[2].Track.Name);
        Assert.Equal(events.Count, events.Select(e => e.Id).Distinct().Count());
    }

    [Fact]
    public async Task ListenerFailsFirst_DeliveryRetried()
    {
        await using var listener = await WebhookListener.StartAsync(failFirst: 2);
        await using var server = await TestServer.StartAsync(o => o.WebhookUrl = listener.Url);

        await new RoomServiceClient(server.HttpUrl, server.ApiKey, server.ApiSecret).CreateRoomAsync(new CreateRoomRequest { Name = "retry" });

        var received = await listener.NextAsync();
        Assert.Equal("room_started", new WebhookReceiver(server.ApiKey, server.ApiSecret).Receive(received.Body, received.Authorization).Event);
        Assert.Equal(3, listener.Attempts);
    }

    [Fact]
    public async Task ForgedBody_RejectedByReceiver()
    {
        await using var listener = await WebhookListener.StartAsync();
        await using var server = await TestServer.StartAsync(o => o.WebhookUrl = listener.Url);
        await new RoomServiceClient(server.HttpUrl, server.ApiKey, server.ApiSecret).CreateRoomAsync(new CreateRoomRequest { Name = "signed" });

        var received = await listener.NextAsync();
        var tampered = System.Text.Encoding.UTF8.GetBytes(System.Text.Encoding.UTF8.GetString(received.Body).Replace("signed", "signec", StringComparison.Ordinal));

        Assert.ThrowsAny<Exception>(() => new WebhookReceiver(server.ApiKey, server.ApiSecret).Receive(tampered, received.Authorization));
    }
}
