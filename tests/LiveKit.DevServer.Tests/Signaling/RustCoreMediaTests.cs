using System.Text;
using LiveKit.DevServer.Tests.Support;
using LiveKit.Rtc;
using System.Diagnostics.Metrics;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.Metrics.Testing;
using RtcRoom = LiveKit.Rtc.Room;

namespace LiveKit.DevServer.Tests.Signaling;

/// <summary>
/// LiveKit's Rust core (livekit_ffi 0.12.80 through src/LiveKit.Rtc) against the dev server with its WebRTC
/// media plane: a full connect (A after the v1-to-v0 fallback), participants, data, audio, pongs, and leave.
/// The core gathers candidates on the host's interfaces, never loopback: its checks reach the loopback-bound
/// media port from the host address (<see cref="DevServerOptions.AllowHostAddressPeers"/>).
/// </summary>
public sealed class RustCoreMediaTests
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(60);

    [Fact]
    public async Task TwoRustCores_Connect_SeeEachOther_ExchangeData_HearAudio_Leave()
    {
        await using var server = await TestServer.StartAsync(o => o.Media = DevServerMediaMode.WebRtc);
        using var pongs = new MetricCollector<long>(server.Services.GetRequiredService<IMeterFactory>(), DevServerMetrics.MeterName, "livekit.devserver.signal.pongs");
        await using var a = new RtcRoom();
        var aEvents = new EventLog(a);
        await a.ConnectAsync(server.Url, Tokens.Join(server, "rust-media", "rusty-a"), new RoomOptions { SinglePeerConnection = true, JoinRetries = 0 }).WaitAsync(Patience);
        await using var b = new RtcRoom();
        var bEvents = new EventLog(b);
        await b.ConnectAsync(server.Url, Tokens.Join(server, "rust-media", "rusty-b")).WaitAsync(Patience);

        Assert.Equal("rusty-b", (await aEvents.WaitAsync<ParticipantConnectedEvent>()).Participant.Identity);
        Assert.True(b.RemoteParticipants.ContainsKey("rusty-a"));

        await a.LocalParticipant.PublishDataAsync(Encoding.UTF8.GetBytes("{\"action\":\"repeat\"}"), reliable: true, topic: "wt.briefing", destinationIdentities: ["rusty-b"]);
        var packet = (await bEvents.WaitAsync<DataReceivedEvent>()).Packet;
        Assert.Equal("wt.briefing", packet.Topic);
        Assert.Equal("rusty-a", packet.ParticipantIdentity);
        Assert.Equal("{\"action\":\"repeat\"}", Encoding.UTF8.GetString(packet.Payload.Span));

        using var source = new AudioSource(48000, 1);
        using var track = LocalAudioTrack.Create("mic", source);
        await a.LocalParticipant.PublishTrackAsync(track, new TrackPublishOptions { Source = TrackSource.Microphone });
        var subscribed = await bEvents.WaitAsync<TrackSubscribedEvent>();
        Assert.Equal("rusty-a", subscribed.Participant.Identity);
        await using var stream = AudioStream.FromTrack(subscribed.Track, new AudioStreamOptions { SampleRate = 48000, NumChannels = 1 });
        Assert.True(await HearsToneAsync(source, stream), "the subscriber never received the tone");

        // The cores ping every ping_interval (5 s) and get pong_resp.
        await pongs.WaitForMeasurementsAsync(1, Patience);
        Assert.All(pongs.GetMeasurementSnapshot(), m => Assert.Equal("Rust", m.Tags["sdk"]));

        await b.DisconnectAsync();
        Assert.Equal("rusty-b", (await aEvents.WaitAsync<ParticipantDisconnectedEvent>()).Participant.Identity);
        Assert.Equal(["rusty-a"], server.Rooms().Find("rust-media")!.ListParticipants().Select(p => p.Identity));
    }

    /// <summary>Plays a 440 Hz sine while reading; true once 20 loud frames (RMS well above silence) arrived.</summary>
    private static async Task<bool> HearsToneAsync(AudioSource source, AudioStream stream)
    {
        using var cts = new CancellationTokenSource(Patience);
        var loud = 0;
        var reader = Task.Run(async () =>
        {
            await foreach (var frame in stream.WithCancellation(cts.Token))
            {
                var samples = frame.Data.Span;
                double sum = 0;
                foreach (var s in samples)
                {
                    sum += (double)s * s;
                }

                if (samples.Length > 0 && Math.Sqrt(sum / samples.Length) > 3000 && ++loud >= 20)
                {
                    return true;
                }
            }

            return false;
        });

        var chunk = new short[480];
        for (long i = 0; !reader.IsCompleted && !cts.IsCancellationRequested; i++)
        {
            for (var n = 0; n < chunk.Length; n++)
            {
                chunk[n] = (short)(16000 * Math.Sin(2 * Math.PI * 440 * ((i * chunk.Length) + n) / 48000.0));
            }

            await source.CaptureFrameAsync(chunk, cts.Token);
        }

        return await reader;
    }

    /// <summary>Collects a room's events and waits for one of a type.</summary>
    private sealed class EventLog
    {
        private readonly List<RoomEvent> _events = [];
        private TaskCompletionSource _changed = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public EventLog(RtcRoom room) => room.EventReceived += (_, e) =>
        {
            TaskCompletionSource changed;
            lock (_events)
            {
                _events.Add(e);
                changed = _changed;
                _changed = new(TaskCreationOptions.RunContinuationsAsynchronously);
            }

            changed.TrySetResult();
        };

        public async Task<T> WaitAsync<T>()
            where T : RoomEvent
        {
            using var cts = new CancellationTokenSource(Patience);
            while (true)
            {
                Task changed;
                lock (_events)
                {
                    if (_events.OfType<T>().FirstOrDefault() is { } found)
                    {
                        return found;
                    }

                    changed = _changed.Task;
                }

                await changed.WaitAsync(cts.Token);
            }
        }
    }
}
