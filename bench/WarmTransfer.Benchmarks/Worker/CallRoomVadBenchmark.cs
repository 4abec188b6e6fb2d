using System.Diagnostics;
using System.Globalization;
using Microsoft.Extensions.AI;
using WarmTransfer.Benchmarks.Harness;
using WarmTransfer.TransferAgent.Audio;
using WarmTransfer.TransferAgent.Providers.Offline.Flite;
using WarmTransfer.TransferAgent.SpeechToText;
using WarmTransfer.TransferAgent.Vad;

namespace WarmTransfer.Benchmarks.Worker;

/// <summary>
/// Call-room jobs per core: N jobs, each two speakers (caller and agent), each speaker a real-time stream of 10 ms
/// frames at 16 kHz (flite speech with pauses, looped) into its own <see cref="SpeechToTextStreamAdapter"/>, which runs
/// Silero VAD inline and hands every segment to the speech engine, stubbed here (it answers at once), as the worker's
/// call-room job does after its AudioStream. Reports process CPU and memory per job, and whether every stream kept real
/// time. Baseline, same run: the same paced loops with no VAD behind them (the pacing's own cost). The Rust core's
/// receive path for each stream is measured apart by <c>rtc-streams</c> (about 0.3% of a core per stream) and a room's
/// memory by <c>rtc-rooms</c>.
/// Run: <c>dotnet run -c Release --project bench/WarmTransfer.Benchmarks -- callroom-vad</c> (CALLROOM_VAD_JOBS
/// overrides "10,25,50").
/// </summary>
public sealed class CallRoomVadBenchmark : IMacroBenchmark
{
    private static readonly string[] Sentences =
    [
        "Hello, I am calling about my credit card account.",
        "I was charged two hundred forty five dollars twice this month.",
        "Could you please look into it and refund the second payment?",
    ];

    private const int Rate = 16000;
    private const int FrameSamples = Rate / 100;
    private const int SpeakersPerJob = 2;
    private static readonly TimeSpan Warmup = TimeSpan.FromSeconds(3);
    private static readonly TimeSpan Window = TimeSpan.FromSeconds(8);

    public string Name => "callroom-vad";

    public string Description => "call-room jobs per core: 2 real-time 16 kHz speakers per job through Silero VAD, speech engine stubbed (target >= 50 jobs on one core, < 30 MB per job); baseline: pacing alone";

    public async Task RunAsync(BenchmarkReport report, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(report);
        var jobCounts = BenchmarkSteps.Counts("CALLROOM_VAD_JOBS", "10,25,50");
        short[] speech = Script();
        using var model = SileroVadModel.Load();
        using var engine = new StubSpeechToText();

        foreach (int jobs in jobCounts)
        {
            string n = jobs.ToString(CultureInfo.InvariantCulture);
            var baseline = await MeasureAsync(jobs, speech, _ => null, cancellationToken).ConfigureAwait(false);
            long segmentsBefore = engine.Calls;
            var subject = await MeasureAsync(jobs, speech, id => new SpeechToTextStreamAdapter(engine, model, new VadOptions(), new SpeechToTextStreamOptions { StreamId = id }), cancellationToken).ConfigureAwait(false);
            long segments = engine.Calls - segmentsBefore;
            double cpuPerJob = subject.Cpu / jobs;
            report.Add($"{n} jobs: process CPU", subject.Cpu * 100, "% core", baseline.Cpu * 100);
            report.Add($"{n} jobs: jobs per core at this load", 1 / cpuPerJob, "jobs", 1 / (baseline.Cpu / jobs), jobs == jobCounts[^1] ? ">= 50" : null, jobs == jobCounts[^1] ? 1 / cpuPerJob >= 50 : null);
            report.Add($"{n} jobs: memory per job (adapters, VAD state, buffers)", subject.BytesPerJob / 1024.0 / 1024.0, "MiB", baseline.BytesPerJob / 1024.0 / 1024.0, jobs == jobCounts[^1] ? "< 30" : null, jobs == jobCounts[^1] ? subject.BytesPerJob < 30 * 1024 * 1024 : null);
            report.Add($"{n} jobs: worst lag behind real time", subject.WorstLagMs, "ms", baseline.WorstLagMs, "< 200", subject.WorstLagMs < 200);
            report.Add($"{n} jobs: segments handed to the (stubbed) engine", segments, "segments");
        }
    }

    /// <summary>About 10 s of flite speech: sentences with the pauses of a conversation between them.</summary>
    private static short[] Script()
    {
        var flite = new FliteSynthesizer(new FliteOptions());
        var pause = PcmAudio.Silence(TimeSpan.FromMilliseconds(700), Rate);
        var clips = Sentences.Select(text => flite.Synthesize(text).ResampleTo(Rate)).SelectMany(clip => new[] { clip, pause }).ToArray();
        return PcmAudio.Concat(Rate, clips).Samples.ToArray();
    }

    /// <summary>2 x <paramref name="jobs"/> paced speakers for the warm-up and the window; CPU and memory over the window.</summary>
    private static async Task<Measurement> MeasureAsync(int jobs, short[] speech, Func<string, SpeechToTextStreamAdapter?> createSink, CancellationToken cancellationToken)
    {
        var process = Process.GetCurrentProcess();
        long memoryBefore = BenchmarkSteps.SettledWorkingSet(process);
        var sinks = Enumerable.Range(0, jobs * SpeakersPerJob).Select(i => createSink($"job{i / SpeakersPerJob}-speaker{i % SpeakersPerJob}")).ToList();
        var readers = sinks.OfType<SpeechToTextStreamAdapter>().Select(a => DrainAsync(a, cancellationToken)).ToList();
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var lags = new double[sinks.Count];
        long origin = Stopwatch.GetTimestamp();
        // Speakers start at different points of the script, as real calls do not speak in unison.
        var speakers = sinks.Select((sink, i) => Task.Run(() => SpeakAsync(sink, speech, (i * 7919 * FrameSamples) % speech.Length, origin, i, lags, stop.Token), CancellationToken.None)).ToList();
        try
        {
            await Task.Delay(Warmup, cancellationToken).ConfigureAwait(false);
            Array.Clear(lags);
            process.Refresh();
            var cpuBefore = process.TotalProcessorTime;
            var clock = Stopwatch.StartNew();
            await Task.Delay(Window, cancellationToken).ConfigureAwait(false);
            process.Refresh();
            double cpu = (process.TotalProcessorTime - cpuBefore).TotalSeconds / clock.Elapsed.TotalSeconds;
            long memory = BenchmarkSteps.SettledWorkingSet(process) - memoryBefore;
            return new Measurement(cpu, Math.Max(0, memory) / (double)jobs, lags.Max());
        }
        finally
        {
            await stop.CancelAsync().ConfigureAwait(false);
            await Task.WhenAll(speakers).ConfigureAwait(false);
            foreach (var sink in sinks.OfType<SpeechToTextStreamAdapter>())
            {
                await sink.DisposeAsync().ConfigureAwait(false);
            }

            await Task.WhenAll(readers).ConfigureAwait(false);
        }
    }

    /// <summary>One speaker: frame k is due at origin + k * 10 ms; each is written when due (or at once when late).</summary>
    private static async Task SpeakAsync(SpeechToTextStreamAdapter? sink, short[] speech, int offset, long origin, int index, double[] lags, CancellationToken ct)
    {
        var frame = new short[FrameSamples];
        try
        {
            for (long k = 0; ; k++)
            {
                long due = origin + (k * Stopwatch.Frequency / 100);
                var wait = Stopwatch.GetElapsedTime(Stopwatch.GetTimestamp(), due);
                if (wait > TimeSpan.Zero)
                {
                    await Task.Delay(wait, ct).ConfigureAwait(false);
                }
                else
                {
                    lags[index] = Math.Max(lags[index], -wait.TotalMilliseconds);
                }

                int start = (int)((offset + (k * FrameSamples)) % (speech.Length - FrameSamples));
                speech.AsSpan(start, FrameSamples).CopyTo(frame);
                if (sink is not null)
                {
                    await sink.WriteAsync(frame, ct).ConfigureAwait(false);
                }
            }
        }
        catch (OperationCanceledException)
        {
        }
    }

    private static async Task DrainAsync(SpeechToTextStreamAdapter adapter, CancellationToken ct)
    {
        try
        {
            await foreach (var _ in adapter.ReadEventsAsync(ct).ConfigureAwait(false))
            {
            }
        }
        catch (OperationCanceledException)
        {
        }
    }


    private sealed record Measurement(double Cpu, double BytesPerJob, double WorstLagMs);

    /// <summary>The speech engine, stubbed out of the measurement: every segment is "recognised" at once.</summary>
    private sealed class StubSpeechToText : ISpeechToTextClient
    {
        private long _calls;

        public long Calls => Interlocked.Read(ref _calls);

        public Task<SpeechToTextResponse> GetTextAsync(Stream audioSpeechStream, SpeechToTextOptions? options = null, CancellationToken cancellationToken = default)
        {
            Interlocked.Increment(ref _calls);
            return Task.FromResult(new SpeechToTextResponse("stubbed"));
        }

        public async IAsyncEnumerable<SpeechToTextResponseUpdate> GetStreamingTextAsync(
            Stream audioSpeechStream,
            SpeechToTextOptions? options = null,
            [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken = default)
        {
            foreach (var update in (await GetTextAsync(audioSpeechStream, options, cancellationToken).ConfigureAwait(false)).ToSpeechToTextResponseUpdates())
            {
                yield return update;
            }
        }

        public object? GetService(Type serviceType, object? serviceKey = null) => serviceType.IsInstanceOfType(this) ? this : null;

        public void Dispose()
        {
        }
    }
}
