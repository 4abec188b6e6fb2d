using System.Text;
using LiveKit.Rtc.Tests.Infrastructure;

namespace LiveKit.Rtc.Tests.Rooms;

/// <summary>
/// Two .NET clients in one room through a real server. Abstract: a subclass supplies the server (e.g.
/// <c>DevServerRoomScenarioTests</c> once src/LiveKit.DevServer lands), and xunit runs these scenarios for it.
/// </summary>
public abstract class RoomScenarioTests
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(60);

    protected abstract ILiveKitTestServer Server { get; }

    private async Task<Room> JoinAsync(string room, string identity, IReadOnlyDictionary<string, string>? attributes = null)
    {
        var r = new Room();
        await r.ConnectAsync(Server.Url, Server.CreateToken(room, identity, attributes)).WaitAsync(Timeout);
        return r;
    }

    private static async Task<T> NextAsync<T>(Room room, Func<T, bool>? match = null)
        where T : RoomEvent
    {
        await foreach (var e in room.ReadEventsAsync().WithCancellation(new CancellationTokenSource(Timeout).Token))
        {
            if (e is T t && (match?.Invoke(t) ?? true))
            {
                return t;
            }
        }
        throw new InvalidOperationException($"the room closed before a {typeof(T).Name}");
    }

    [Fact]
    public async Task SecondClient_Joins_FirstSeesParticipantConnectedWithAttributes()
    {
        await using var a = await JoinAsync("scenario-join", "alice");
        await using var b = await JoinAsync("scenario-join", "bob", new Dictionary<string, string> { ["role"] = "agent" });

        var joined = await NextAsync<ParticipantConnectedEvent>(a);

        Assert.Equal("bob", joined.Participant.Identity);
        Assert.Equal("agent", joined.Participant.Attributes["role"]);
        Assert.True(b.RemoteParticipants.ContainsKey("alice"));
    }

    [Fact]
    public async Task PublishedTone_OtherClientsParticipantStream_Hears440Hz()
    {
        await using var a = await JoinAsync("scenario-audio", "speaker");
        await using var b = await JoinAsync("scenario-audio", "listener");
        using var source = new AudioSource(48000, 1);
        using var track = LocalAudioTrack.Create("mic", source);
        await a.LocalParticipant.PublishTrackAsync(track, new TrackPublishOptions { Source = TrackSource.Microphone });
        var speaker = (await NextAsync<TrackSubscribedEvent>(b)).Participant;
        await using var stream = AudioStream.FromParticipant(speaker, TrackSource.Microphone, new AudioStreamOptions { SampleRate = 16000, Capacity = 1000 });

        var frames = await Loopback.RunAsync(source, stream, frequency: 440, seconds: 5, wantedToneFrames: 100, Timeout);

        var tone = Loopback.ToneFrames(frames);
        Assert.True(tone.Count >= 100);
        Assert.InRange(Loopback.MedianFrequency(tone, 16000), 435, 445);
    }

    [Fact]
    public async Task PublishDataAsync_WithTopicToOneIdentity_OnlyThatClientReceivesIt()
    {
        await using var a = await JoinAsync("scenario-data", "sender");
        await using var b = await JoinAsync("scenario-data", "target");
        await using var c = await JoinAsync("scenario-data", "bystander");
        var received = NextAsync<DataReceivedEvent>(b);

        await a.LocalParticipant.PublishDataAsync(Encoding.UTF8.GetBytes("{\"action\":\"repeat\"}"), reliable: true, topic: "wt.briefing", destinationIdentities: ["target"]);

        var packet = (await received).Packet;
        Assert.Equal("wt.briefing", packet.Topic);
        Assert.Equal("sender", packet.ParticipantIdentity);
        Assert.Equal("{\"action\":\"repeat\"}", Encoding.UTF8.GetString(packet.Payload.Span));
        Assert.Equal(0, c.DroppedEvents);
    }

    [Fact]
    public async Task SendTextAsync_Transcription_ArrivesWithItsAttributes()
    {
        await using var bot = await JoinAsync("scenario-text", "bot");
        await using var agent = await JoinAsync("scenario-text", "agent-a");
        var opened = NextAsync<TextStreamReceivedEvent>(agent);
        var attributes = new Dictionary<string, string>
        {
            ["lk.transcribed_participant_identity"] = "caller",
            ["lk.segment_id"] = "SG_1",
            ["lk.transcription_final"] = "true",
        };

        await bot.LocalParticipant.SendTextAsync("I need to change my address.", "lk.transcription", new TextStreamOptions { Attributes = attributes });

        var reader = (await opened).Reader;
        Assert.Equal("lk.transcription", reader.Info.Topic);
        Assert.Equal("caller", reader.Info.Attributes["lk.transcribed_participant_identity"]);
        Assert.Equal("I need to change my address.", await reader.ReadAllAsync());
    }

    [Fact]
    public async Task DisconnectAsync_OtherSeesParticipantDisconnected_AndNoHandleIsLeft()
    {
        long handles = RtcRuntime.LiveHandleCount;
        var a = await JoinAsync("scenario-leave", "stays");
        var b = await JoinAsync("scenario-leave", "leaves");

        await b.DisconnectAsync();
        var left = await NextAsync<ParticipantDisconnectedEvent>(a);
        await b.DisposeAsync();
        await a.DisposeAsync();

        Assert.Equal("leaves", left.Participant.Identity);
        Assert.Equal(handles, RtcRuntime.LiveHandleCount);
    }
}
