using LiveKit.DevServer.Rooms;
using LiveKit.DevServer.Rooms.Media;
using LiveKit.DevServer.Tests.Rooms.Fakes;
using LiveKit.Proto;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;

namespace LiveKit.DevServer.Tests.Rooms;

/// <summary>Rooms without any network: a manager over a fake media plane, fake signals and a fake clock.</summary>
internal sealed class RoomHarness : IAsyncDisposable
{
    public RoomHarness(RoomLimits? limits = null)
    {
        Context = new RoomContext(Media, Observer, limits ?? new RoomLimits(), Time, NullLoggerFactory.Instance, new ServerInfo { Version = "1.9.0" }, new BackgroundWork());
        Manager = new RoomManager(Context, new RoomDefaults());
    }

    public FakeMediaPlane Media { get; } = new();

    public RecordingObserver Observer { get; } = new();

    public FakeTimeProvider Time { get; } = new(DateTimeOffset.UtcNow);

    public RoomContext Context { get; }

    public RoomManager Manager { get; }

    public Dictionary<string, FakeSignal> Signals { get; } = [];

    /// <summary>The latest participant joined under each identity.</summary>
    public Dictionary<string, ServerParticipant> Participants { get; } = [];

    public ServerParticipant Join(string room, string identity, Action<ParticipantPermission>? permission = null, ParticipantInfo.Types.Kind kind = ParticipantInfo.Types.Kind.Standard, bool autoSubscribe = true)
    {
        var p = new ParticipantPermission { CanPublish = true, CanSubscribe = true, CanPublishData = true };
        permission?.Invoke(p);
        var signal = new FakeSignal();
        Signals[identity] = signal;
        var failure = Manager.Join(room, null, new ParticipantSpec { Identity = identity, Permission = p, Kind = kind, AutoSubscribe = autoSubscribe }, signal, out var participant);
        Assert.Equal(JoinFailure.None, failure);
        Participants[identity] = participant!;
        return participant!;
    }

    /// <summary>Announces and "receives" an audio track; returns its sid.</summary>
    public string Publish(ServerParticipant participant, string cid, string name = "mic")
    {
        ServerRoom.AddTrack(participant, new AddTrackRequest { Cid = cid, Name = name, Type = TrackType.Audio, Source = TrackSource.Microphone });
        Media.Of(participant.Identity).Arrive(cid);
        return Media.Of(participant.Identity).Expected.Single(t => t.Cid == cid).Info.Sid;
    }

    /// <summary>Answers the participant's subscriber offers, as a client does, until its negotiation is stable.</summary>
    public async Task AnswerOffersAsync(string identity)
    {
        var negotiator = Participants[identity].Negotiator!;
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(20));
        while (negotiator.State != SubscriberNegotiationState.Stable)
        {
            if (negotiator.State == SubscriberNegotiationState.AwaitingAnswer)
            {
                var offer = Signals[identity].Of(SignalResponse.MessageOneofCase.Offer).Last().Offer;
                await negotiator.OnAnswerAsync(new SessionDescription { Type = "answer", Sdp = "answer " + offer.Id, Id = offer.Id }, cts.Token);
            }
            else
            {
                await Task.Delay(10, cts.Token);
            }
        }
    }

    /// <summary>Waits for background work (offers, cross-room propagation, disposals).</summary>
    public Task SettleAsync() => Context.Background.DrainAsync().WaitAsync(TimeSpan.FromSeconds(20));

    public async ValueTask DisposeAsync() => await Manager.DisposeAsync();
}
