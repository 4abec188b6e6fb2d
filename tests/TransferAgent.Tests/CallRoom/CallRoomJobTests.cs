using System.Net;
using System.Text.Json;
using System.Threading.Channels;
using LiveKit.Rtc;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using WarmTransfer.TransferAgent.Audio;
using WarmTransfer.TransferAgent.Hosting;
using WarmTransfer.TransferAgent.Language;
using WarmTransfer.TransferAgent.Tests.TestSupport;
using WarmTransfer.TransferAgent.Worker;
using Xunit.Abstractions;

namespace WarmTransfer.TransferAgent.Tests.CallRoom;

/// <summary>
/// The whole worker host (TransferAgentHost, Development: offline engines) against an in-process dev server and a fake
/// control API: a caller speaks flite audio through a real LiveKit.Rtc client; an agent client reads the transcript.
/// </summary>
[Collection(OfflineEnginesGroup.Name)]
public sealed class CallRoomJobTests(OfflineEnginesFixture engines, ITestOutputHelper output)
{
    private const string Room = "call-room-1";
    private const string Caller = "caller-1";
    private const string Agent = "agent-a";

    [Fact]
    public async Task CallerSpeaks_TranscriptReachesTheControlApiAndTheAgentLabelledCaller_WerUnderTenPercent_HoldTrackFollowsTransferState()
    {
        await using var server = await LiveKitTestServer.StartAsync();
        await using var controlApi = await FakeControlApi.StartAsync(Room, Caller, Agent);
        using var host = await StartWorkerAsync(server, controlApi);
        using var http = new HttpClient();
        string health = host.Services.GetRequiredService<HealthEndpointService>().Addresses[0];
        Assert.Equal(HttpStatusCode.OK, (await http.GetAsync(health + "/ready")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await http.GetAsync(health + "/alive")).StatusCode);

        // The agent's console: reads lk.transcription streams and watches for the hold track.
        await using var agent = new Room();
        var lines = Channel.CreateUnbounded<(string Text, IReadOnlyDictionary<string, string> Attributes)>();
        var holdTracks = Channel.CreateUnbounded<RemoteTrack>();
        var holdGone = Channel.CreateUnbounded<string>();
        agent.TextStreamReceived += (_, e) =>
        {
            var reader = e.Reader;
            if (reader.Info.Topic != "lk.transcription")
            {
                reader.Dispose();
                return;
            }

            _ = Task.Run(async () => lines.Writer.TryWrite((await reader.ReadAllAsync(), reader.Info.Attributes)));
        };
        agent.TrackSubscribed += (_, e) =>
        {
            if (e.Track.Name == "hold")
            {
                holdTracks.Writer.TryWrite(e.Track);
            }
        };
        agent.TrackUnpublished += (_, e) =>
        {
            if (e.Publication.Name == "hold")
            {
                holdGone.Writer.TryWrite(e.Publication.Sid);
            }
        };
        await agent.ConnectAsync(server.Url, server.JoinToken(Room, Agent), new RoomOptions { JoinRetries = 0 }).WaitAsync(Patience.Slow);

        await server.Dispatch.CreateDispatchAsync(Room, AgentWorkerOptions.DefaultAgentName, $$"""{"kind":"call","callRoom":"{{Room}}"}""");
        await Patience.UntilAsync(
            async () => (await server.Rooms.ListParticipantsAsync(Room)).FirstOrDefault(p => p.Identity.StartsWith("agent-AJ_", StringComparison.Ordinal)),
            "the bot to join the call room");

        // The caller speaks the script (flite), paced in real time on a published microphone track.
        await using var caller = new Room();
        await caller.ConnectAsync(server.Url, server.JoinToken(Room, Caller), new RoomOptions { JoinRetries = 0 }).WaitAsync(Patience.Slow);
        using var source = new AudioSource(48000, 1);
        using var mic = LocalAudioTrack.Create("mic", source);
        // Opus at 64 kb/s (a browser's "high quality voice" setting) so the codec does not dominate the recognition error.
        await caller.LocalParticipant.PublishTrackAsync(mic, new TrackPublishOptions { Source = TrackSource.Microphone, AudioMaxBitrate = 64_000, Dtx = false });
        var parts = new List<PcmAudio> { PcmAudio.Silence(TimeSpan.FromSeconds(2), 16000) };
        foreach (string sentence in CallerScript.Sentences)
        {
            parts.Add(engines.Speak(sentence));
            parts.Add(PcmAudio.Silence(TimeSpan.FromSeconds(1), 16000));
        }

        var pacer = new AudioPacer(48000, (frame, ct) => new ValueTask(source.CaptureFrameAsync(frame, ct)));
        using var speaking = new CancellationTokenSource(Patience.Slow);
        await pacer.PlayAsync(PcmAudio.Concat(16000, [.. parts]), speaking.Token);
        await pacer.PlayAsync(PcmAudio.Silence(TimeSpan.FromSeconds(1.5), 48000), speaking.Token);

        // Both destinations get the same final segments, labelled as the caller.
        using var reading = new CancellationTokenSource(Patience.Slow);
        var posted = new List<JsonElement>();
        var streamed = new List<(string Text, IReadOnlyDictionary<string, string> Attributes)>();
        while (!Covers(posted.Select(p => p.GetProperty("text").GetString()!)) || streamed.Count < posted.Count)
        {
            if (!Covers(posted.Select(p => p.GetProperty("text").GetString()!)))
            {
                var (room, segment) = await controlApi.NextSegmentAsync(reading.Token);
                Assert.Equal(Room, room);
                posted.Add(segment);
            }
            else
            {
                streamed.Add(await lines.Reader.ReadAsync(reading.Token));
            }
        }

        string reference = string.Join(' ', CallerScript.Sentences);
        string hypothesis = string.Join(' ', posted.Select(p => p.GetProperty("text").GetString()));
        double wer = WordErrorRate.Compute(reference, hypothesis);
        output.WriteLine($"hypothesis: {hypothesis}");
        output.WriteLine($"WER {wer:P1} over {posted.Count} segments");
        Assert.All(posted, p => Assert.Equal(Caller, p.GetProperty("speaker").GetString()));
        Assert.All(posted, p => Assert.True(p.GetProperty("final").GetBoolean()));
        Assert.Equal(posted.Select(p => p.GetProperty("text").GetString()), streamed.Take(posted.Count).Select(s => s.Text));
        Assert.All(streamed, s =>
        {
            Assert.Equal(Caller, s.Attributes["lk.transcribed_participant_identity"]);
            Assert.Equal("true", s.Attributes["lk.transcription_final"]);
            Assert.Equal("caller", s.Attributes["wt.speaker_role"]);
        });
        Assert.Equal(posted.Select(p => p.GetProperty("id").GetString()), streamed.Take(posted.Count).Select(s => s.Attributes["lk.segment_id"]));
        Assert.Equal(0, controlApi.Unauthorized);

        // A transfer starts: a `hold` track appears in the call room, with audio.
        await server.Rooms.SendDataAsync(Room, """{"transferId":"T1","state":"Requested","handoffRoom":"H1","reason":null}"""u8.ToArray(), "wt.transfer");
        var hold = await holdTracks.Reader.ReadAsync(reading.Token);
        await using (var holdAudio = AudioStream.FromTrack(hold, new AudioStreamOptions { SampleRate = 48000, NumChannels = 1 }))
        {
            int audible = 0;
            await foreach (var frame in holdAudio.WithCancellation(reading.Token))
            {
                if (AudioLevel.Dbfs(frame.Data.Span) > -50 && ++audible >= 20)
                {
                    break;
                }
            }
        }

        // Briefing keeps it; a later state removes it.
        await server.Rooms.SendDataAsync(Room, """{"transferId":"T1","state":"Briefing","handoffRoom":"H1","reason":null}"""u8.ToArray(), "wt.transfer");
        await server.Rooms.SendDataAsync(Room, """{"transferId":"T1","state":"Completed","handoffRoom":"H1","reason":null}"""u8.ToArray(), "wt.transfer");
        Assert.Equal(hold.Sid, await holdGone.Reader.ReadAsync(reading.Token));
        Assert.False(holdTracks.Reader.TryRead(out _));

        await host.StopAsync(reading.Token);
        Assert.True(wer < 0.10, $"WER {wer:P1}: {hypothesis}");
    }

    /// <summary>True once the last sentence's distinctive words were transcribed.</summary>
    private static bool Covers(IEnumerable<string> texts) =>
        WordErrorRate.Words(string.Join(' ', texts)).Contains("refund");

    private static async Task<IHost> StartWorkerAsync(LiveKitTestServer server, FakeControlApi controlApi)
    {
        var builder = TransferAgentHost.CreateBuilder(["--environment", "Development"]);
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["LIVEKIT_URL"] = server.Url,
            ["LIVEKIT_API_KEY"] = server.Server.ApiKey,
            ["LIVEKIT_API_SECRET"] = server.Server.ApiSecret,
            ["CONTROL_API_URL"] = controlApi.Url,
            ["WORKER_API_KEY"] = FakeControlApi.WorkerKey,
            ["Health:Urls"] = "http://127.0.0.1:0",
            ["Worker:DrainTimeout"] = "00:00:05",
            ["LOG_LEVEL"] = "warning",
        });
        var host = builder.Build();
        using var cts = new CancellationTokenSource(Patience.Slow);
        await host.StartAsync(cts.Token);
        await host.Services.GetRequiredService<WorkerRegistration>().WaitForRegisteredAsync(cts.Token);
        return host;
    }
}
