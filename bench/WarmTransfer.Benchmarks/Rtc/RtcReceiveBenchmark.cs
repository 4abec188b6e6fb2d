using System.Diagnostics;
using LiveKit.Rtc;
using WarmTransfer.Benchmarks.Harness;

namespace WarmTransfer.Benchmarks.Rtc;

/// <summary>
/// The receive hot path of LiveKit.Rtc without a server: N idle AudioSources each feed a LocalAudioTrack, and
/// an AudioStream per track yields the 10 ms frames the core plays out (silence: an idle source keeps
/// sending), each read by its own async loop. Measures managed allocation per received frame and CPU for N
/// concurrent 48 kHz streams; the baseline is the same sources and tracks with no stream.
/// </summary>
/// <remarks>
/// Loopback leaves out what a subscribed remote track adds inside the core (network, jitter buffer, Opus
/// decoding), and adds the sources' own playout inside the same process, so its CPU figures are for comparison
/// only: the CPU target (100 subscribed streams under half a core) is judged by <c>rtc-streams</c> on real
/// subscriptions.
/// </remarks>
public sealed class RtcReceiveBenchmark : IMacroBenchmark
{
    private const int Streams = 100;
    private static readonly TimeSpan Warmup = TimeSpan.FromSeconds(3);
    private static readonly TimeSpan Window = TimeSpan.FromSeconds(6);

    public string Name => "rtc-receive";

    public string Description => $"{Streams} local 48 kHz AudioStreams: allocations per received frame (target 0), CPU with and without readers (for comparison; the CPU target is rtc-streams')";

    public async Task RunAsync(BenchmarkReport report, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(report);
        RtcRuntime.EnsureInitialized();

        double baselineCpu = await MeasureIdleSourcesAsync(cancellationToken).ConfigureAwait(false);
        var unread = await MeasureStreamsAsync(read: false, frameSize: null, cancellationToken).ConfigureAwait(false);
        var read10 = await MeasureStreamsAsync(read: true, frameSize: null, cancellationToken).ConfigureAwait(false);
        var read20 = await MeasureStreamsAsync(read: true, frameSize: TimeSpan.FromMilliseconds(20), cancellationToken).ConfigureAwait(false);

        report.Add($"frames received per second ({Streams} streams, 10 ms)", read10.FramesPerSecond, "frames/s", target: $"{Streams * 100}");
        report.Add("managed bytes allocated per received frame", read10.BytesPerFrame, "B/frame", target: "0", met: read10.BytesPerFrame < 1);
        report.Add($"CPU: {Streams} idle sources + tracks (baseline)", baselineCpu * 100, "% core");
        report.Add($"CPU: + {Streams} streams, frames queued, nobody reads", unread.Cpu * 100, "% core", baselineCpu * 100);
        report.Add($"CPU: + {Streams} streams read, 10 ms frames", read10.Cpu * 100, "% core", baselineCpu * 100);
        report.Add($"CPU: + {Streams} streams read, 20 ms frames", read20.Cpu * 100, "% core", baselineCpu * 100);
        report.Add("CPU per read 10 ms stream over baseline", (read10.Cpu - baselineCpu) * 100 / Streams, "% core");
        report.Add("frames dropped by readers (10 ms)", read10.Dropped, "frames");
        report.Add("native handles left after dispose", RtcRuntime.LiveHandleCount, "handles", target: "0", met: RtcRuntime.LiveHandleCount == 0);
    }

    private static async Task<double> MeasureIdleSourcesAsync(CancellationToken cancellationToken)
    {
        var sources = Enumerable.Range(0, Streams).Select(_ => new AudioSource(48000, 1)).ToList();
        var tracks = sources.Select((s, i) => LocalAudioTrack.Create($"idle-{i}", s)).ToList();
        try
        {
            await Task.Delay(Warmup, cancellationToken).ConfigureAwait(false);
            var (cpu, _) = await SampleAsync(() => 0, cancellationToken).ConfigureAwait(false);
            return cpu;
        }
        finally
        {
            tracks.ForEach(t => t.Dispose());
            sources.ForEach(s => s.Dispose());
        }
    }

    private static async Task<(double Cpu, double FramesPerSecond, double BytesPerFrame, long Dropped)> MeasureStreamsAsync(bool read, TimeSpan? frameSize, CancellationToken cancellationToken)
    {
        var sources = Enumerable.Range(0, Streams).Select(_ => new AudioSource(48000, 1)).ToList();
        var tracks = sources.Select((s, i) => LocalAudioTrack.Create($"rx-{i}", s)).ToList();
        var streams = tracks.Select(t => AudioStream.FromTrack(t, new AudioStreamOptions { SampleRate = 48000, NumChannels = 1, FrameSize = frameSize })).ToList();
        long frames = 0;
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var readers = streams.Where(_ => read).Select(s => Task.Run(async () =>
        {
            long local = 0;
            try
            {
                await foreach (var frame in s.WithCancellation(stop.Token).ConfigureAwait(false))
                {
                    local += frame.SamplesPerChannel > 0 ? 1 : 0;
                    if ((local & 15) == 0)
                    {
                        Interlocked.Add(ref frames, 16);
                    }
                }
            }
            catch (OperationCanceledException)
            {
            }
        }, CancellationToken.None)).ToList();
        try
        {
            await Task.Delay(Warmup, cancellationToken).ConfigureAwait(false);
            long framesBefore = Interlocked.Read(ref frames);
            long bytesBefore = GC.GetTotalAllocatedBytes(precise: true);
            var (cpu, seconds) = await SampleAsync(() => 0, cancellationToken).ConfigureAwait(false);
            long bytes = GC.GetTotalAllocatedBytes(precise: true) - bytesBefore;
            long received = Interlocked.Read(ref frames) - framesBefore;
            return (cpu, received / seconds, received == 0 ? double.NaN : (double)bytes / received, streams.Sum(s => s.DroppedFrames));
        }
        finally
        {
            await stop.CancelAsync().ConfigureAwait(false);
            await Task.WhenAll(readers).ConfigureAwait(false);
            foreach (var s in streams)
            {
                await s.DisposeAsync().ConfigureAwait(false);
            }
            tracks.ForEach(t => t.Dispose());
            sources.ForEach(s => s.Dispose());
        }
    }

    /// <summary>Process CPU time over wall time during the window, as a fraction of one core.</summary>
    private static async Task<(double Cpu, double Seconds)> SampleAsync(Func<int> _, CancellationToken cancellationToken)
    {
        using var process = Process.GetCurrentProcess();
        var cpuBefore = process.TotalProcessorTime;
        var wall = Stopwatch.StartNew();
        await Task.Delay(Window, cancellationToken).ConfigureAwait(false);
        process.Refresh();
        double seconds = wall.Elapsed.TotalSeconds;
        return ((process.TotalProcessorTime - cpuBefore).TotalSeconds / seconds, seconds);
    }
}
