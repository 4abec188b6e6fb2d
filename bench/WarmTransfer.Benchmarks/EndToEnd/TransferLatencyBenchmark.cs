using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Json;
using System.Text.Json;
using LiveKit.Api;
using LiveKit.Rtc;
using WarmTransfer.Benchmarks.Harness;
using WarmTransfer.TransferAgent.Audio;

namespace WarmTransfer.Benchmarks.EndToEnd;

/// <summary>
/// Machine time of a transfer: from Agent A's transfer command (<c>POST /api/transfers</c>, what the "Start transfer"
/// button sends) to the first audible 10 ms of the bot's spoken summary at Agent B, with the humans' waits removed:
/// Agent B joins the handoff room the moment the command returns (his console would show it then) and publishes his
/// microphone at once. Everyone is a LiveKit.Rtc client (the Rust core) against the in-process local system with the
/// worker on its offline defaults. Baseline, same run: time to first audio of a plain join (connect a subscriber to a
/// room where a tone is already playing, until its first audible 10 ms).
/// </summary>
public sealed class TransferLatencyBenchmark : IMacroBenchmark
{
    private const int Runs = 5;
    private const double AudibleDbfs = -45;
    private static readonly TimeSpan RunTimeout = TimeSpan.FromSeconds(60);

    public string Name => "transfer-latency";

    public string Description => "transfer command -> first summary audio at Agent B (offline defaults; target < 2 s), and from Agent B's audio up (target < 300 ms); baseline: plain join -> first audio";

    public async Task RunAsync(BenchmarkReport report, CancellationToken cancellationToken)
    {
        // Embedded defaults: the bot joins hidden and speaks through its visible companion, as in production.
        var workerSettings = new Dictionary<string, string>();
        await using var system = await BenchLocalSystem.StartAsync(workerSettings, cancellationToken).ConfigureAwait(false);
        using var alice = await system.LoginAsync("alice").ConfigureAwait(false);
        using var bob = await system.LoginAsync("bob").ConfigureAwait(false);

        // Warm-up (first dispatch, first synthesis, JIT) is not measured.
        await TransferOnceAsync(system, alice, bob, "warm-up", cancellationToken).ConfigureAwait(false);
        await PlainJoinOnceAsync(system, "warm-up", cancellationToken).ConfigureAwait(false);

        var transfers = new List<double>();
        var fromAudio = new List<double>();
        var joins = new List<double>();
        for (var i = 0; i < Runs; i++)
        {
            var transfer = await TransferOnceAsync(system, alice, bob, i.ToString(CultureInfo.InvariantCulture), cancellationToken).ConfigureAwait(false);
            var join = await PlainJoinOnceAsync(system, i.ToString(CultureInfo.InvariantCulture), cancellationToken).ConfigureAwait(false);
            transfers.Add(transfer.Total.TotalMilliseconds);
            fromAudio.Add(transfer.FromAgentAudio.TotalMilliseconds);
            joins.Add(join.TotalMilliseconds);
            Console.WriteLine($"  run {i + 1}: transfer -> first summary audio {transfer.Total.TotalMilliseconds:F0} ms (from Agent B's audio up: {transfer.FromAgentAudio.TotalMilliseconds:F0} ms); plain join -> first audio {join.TotalMilliseconds:F0} ms");
        }

        var median = Median(transfers);
        report.Add("transfer -> first summary audio, median", median, "ms", Median(joins), "< 2000 ms", median < 2000);
        report.Add("transfer -> first summary audio, max", transfers.Max(), "ms", joins.Max(), "< 2000 ms", transfers.Max() < 2000);
        var fromAudioMedian = Median(fromAudio);
        report.Add("Agent B's audio up -> first summary audio, median", fromAudioMedian, "ms", Median(joins), "< 300 ms", fromAudioMedian < 300);
        report.Add("Agent B's audio up -> first summary audio, max", fromAudio.Max(), "ms", joins.Max(), "< 300 ms", fromAudio.Max() < 300);
        report.Add("plain join -> first audio, median (baseline)", Median(joins), "ms");
    }

    /// <summary>
    /// One call (caller + Alice), one transfer to Bob; returns command-to-first-summary-audio, and the part of it from
    /// Bob's microphone track being published (what the bot waits for) to the first summary audio.
    /// </summary>
    private static async Task<(TimeSpan Total, TimeSpan FromAgentAudio)> TransferOnceAsync(BenchLocalSystem system, HttpClient alice, HttpClient bob, string tag, CancellationToken cancellationToken)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(RunTimeout);
        var ct = timeout.Token;
        using var anonymous = system.Anonymous();
        using var started = await anonymous.PostAsJsonAsync("/api/calls", new { name = "Pat " + tag }, ct).ConfigureAwait(false);
        started.EnsureSuccessStatusCode();
        var call = await started.Content.ReadFromJsonAsync<JsonElement>(ct).ConfigureAwait(false);
        var callRoom = call.GetProperty("room").GetString()!;
        await using var caller = new Room();
        await caller.ConnectAsync(call.GetProperty("wsUrl").GetString()!, call.GetProperty("token").GetString()!, cancellationToken: ct).ConfigureAwait(false);
        await using var agentA = await JoinAsAgentAsync(alice, callRoom, ct).ConfigureAwait(false);

        var clock = Stopwatch.StartNew();
        using var response = await alice.PostAsJsonAsync(
            "/api/transfers",
            new { callRoom, toAgent = "bob", notes = "Pat Lee was charged twice for order 4567 and wants a refund for the second charge." },
            ct).ConfigureAwait(false);
        response.EnsureSuccessStatusCode();
        var transfer = await response.Content.ReadFromJsonAsync<JsonElement>(ct).ConfigureAwait(false);
        await using var agentB = await JoinAsAgentAsync(bob, transfer.GetProperty("handoffRoom").GetString()!, ct).ConfigureAwait(false);
        var events = agentB.ReadEventsAsync(ct).GetAsyncEnumerator(ct);
        using var mic = new AudioSource(48000, 1);
        using var micTrack = LocalAudioTrack.Create("microphone", mic);
        await agentB.LocalParticipant.PublishTrackAsync(micTrack, new TrackPublishOptions { Source = TrackSource.Microphone }, ct).ConfigureAwait(false);
        var audioUp = clock.Elapsed;
        var briefing = await TrackNamedAsync(events, "briefing").ConfigureAwait(false);
        await FirstAudibleAsync(briefing, ct).ConfigureAwait(false);
        var elapsed = clock.Elapsed;
        await events.DisposeAsync().ConfigureAwait(false);

        using var cancel = await alice.PostAsJsonAsync($"/api/transfers/{transfer.GetProperty("id").GetString()}/cancel", new { }, ct).ConfigureAwait(false);
        using var end = await alice.DeleteAsync($"/api/rooms/{callRoom}", ct).ConfigureAwait(false);
        return (elapsed, elapsed - audioUp);
    }

    /// <summary>A publisher plays a tone in a fresh room; a subscriber joins; returns connect-to-first-audio.</summary>
    private static async Task<TimeSpan> PlainJoinOnceAsync(BenchLocalSystem system, string tag, CancellationToken cancellationToken)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(RunTimeout);
        var ct = timeout.Token;
        var room = "baseline-" + tag;
        await using var publisher = new Room();
        await publisher.ConnectAsync(system.LiveKit.Url, Token(system, room, "tone"), cancellationToken: ct).ConfigureAwait(false);
        using var source = new AudioSource(48000, 1);
        using var track = LocalAudioTrack.Create("tone", source);
        await publisher.LocalParticipant.PublishTrackAsync(track, new TrackPublishOptions { Source = TrackSource.Microphone }, ct).ConfigureAwait(false);
        using var stopTone = CancellationTokenSource.CreateLinkedTokenSource(ct);
        var tone = Task.Run(() => PlayToneAsync(source, stopTone.Token), CancellationToken.None);
        try
        {
            var clock = Stopwatch.StartNew();
            await using var subscriber = new Room();
            var events = subscriber.ReadEventsAsync(ct).GetAsyncEnumerator(ct);
            await subscriber.ConnectAsync(system.LiveKit.Url, Token(system, room, "listener"), cancellationToken: ct).ConfigureAwait(false);
            var received = await TrackNamedAsync(events, "tone").ConfigureAwait(false);
            await FirstAudibleAsync(received, ct).ConfigureAwait(false);
            var elapsed = clock.Elapsed;
            await events.DisposeAsync().ConfigureAwait(false);
            return elapsed;
        }
        finally
        {
            await stopTone.CancelAsync().ConfigureAwait(false);
            await tone.ConfigureAwait(false);
        }
    }

    private static async Task<Room> JoinAsAgentAsync(HttpClient agent, string room, CancellationToken ct)
    {
        using var response = await agent.PostAsJsonAsync("/api/tokens/agent", new { room }, ct).ConfigureAwait(false);
        response.EnsureSuccessStatusCode();
        var token = await response.Content.ReadFromJsonAsync<JsonElement>(ct).ConfigureAwait(false);
        var joined = new Room();
        try
        {
            await joined.ConnectAsync(token.GetProperty("wsUrl").GetString()!, token.GetProperty("token").GetString()!, cancellationToken: ct).ConfigureAwait(false);
        }
        catch
        {
            await joined.DisposeAsync().ConfigureAwait(false);
            throw;
        }

        return joined;
    }

    private static async Task<Track> TrackNamedAsync(IAsyncEnumerator<RoomEvent> events, string name)
    {
        while (await events.MoveNextAsync().ConfigureAwait(false))
        {
            if (events.Current is TrackSubscribedEvent subscribed && subscribed.Publication.Name == name)
            {
                return subscribed.Track;
            }
        }

        throw new InvalidOperationException($"the room ended before a track named '{name}' arrived");
    }

    private static async Task FirstAudibleAsync(Track track, CancellationToken ct)
    {
        await using var stream = AudioStream.FromTrack(track, new AudioStreamOptions { SampleRate = 48000, NumChannels = 1 });
        await foreach (var frame in stream.WithCancellation(ct).ConfigureAwait(false))
        {
            if (AudioLevel.Dbfs(frame.Data.Span) > AudibleDbfs)
            {
                return;
            }
        }
    }

    private static async Task PlayToneAsync(AudioSource source, CancellationToken ct)
    {
        var frame = new short[480];
        for (var i = 0; i < frame.Length; i++)
        {
            frame[i] = (short)(8000 * Math.Sin(2 * Math.PI * 440 * i / 48000.0));
        }

        try
        {
            while (!ct.IsCancellationRequested)
            {
                await source.CaptureFrameAsync(frame, ct).ConfigureAwait(false);
            }
        }
        catch (OperationCanceledException)
        {
            // Stopped.
        }
    }

    private static string Token(BenchLocalSystem system, string room, string identity) =>
        new AccessToken(system.LiveKit.ApiKey, system.LiveKit.ApiSecret)
            .WithIdentity(identity)
            .WithVideoGrants(new VideoGrants { RoomJoin = true, Room = room, CanPublish = true, CanSubscribe = true })
            .ToJwt();

    private static double Median(List<double> values)
    {
        var sorted = values.Order().ToList();
        return sorted.Count % 2 == 1 ? sorted[sorted.Count / 2] : (sorted[(sorted.Count / 2) - 1] + sorted[sorted.Count / 2]) / 2;
    }
}
