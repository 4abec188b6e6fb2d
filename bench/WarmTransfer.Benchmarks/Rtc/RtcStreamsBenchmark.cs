using System.Diagnostics;
using System.Globalization;
using LiveKit.Api;
using LiveKit.Rtc;
using WarmTransfer.Benchmarks.Harness;
using DevServerHost = LiveKit.DevServer.DevServer;
using DevServerMediaMode = LiveKit.DevServer.DevServerMediaMode;
using DevServerOptions = LiveKit.DevServer.DevServerOptions;

namespace WarmTransfer.Benchmarks.Rtc;

/// <summary>
/// LiveKit.Rtc receiving many real subscribed streams: an in-process dev server (WebRTC media), up to 100 published tracks
/// (Rust-core rooms in this process, 10 tracks each, each track a 440 Hz sine at 48 kHz, Opus-encoded by the core), and one
/// subscriber in a child process (this program again, see <see cref="RtcStreamsSubscriber"/>) that joins the room and
/// reads every subscribed track through an <see cref="AudioStream"/> (48 kHz mono, 10 ms frames). The child's own
/// process CPU (its .NET loops plus the core's network, jitter buffer and Opus decoding) is reported per stream count,
/// with the managed bytes allocated per received frame. Baseline, measured by the same child in the same run: the
/// same reading loop over as many streams from the SDK's local loopback (idle AudioSource -> LocalAudioTrack ->
/// AudioStream), which has no network and no decoder. Allocation per frame is judged as the slope between the smallest
/// and largest stream counts: bytes per second that do not grow with the frame rate (room-level events and statistics,
/// about 19 KB/s whatever the stream count) are not per-frame allocations, and are reported apart.
/// Run: <c>dotnet run -c Release --project bench/WarmTransfer.Benchmarks -- rtc-streams</c>
/// (RTC_STREAMS_COUNTS overrides "10,50,100").
/// </summary>
public sealed class RtcStreamsBenchmark : IMacroBenchmark
{
    private const string Room = "rtc-streams";
    private const int TracksPerPublisher = 10;

    public string Name => "rtc-streams";

    public string Description => "N subscribed 48 kHz streams (dev server, Rust-core publishers) read by one .NET process: CPU per stream count (target: 100 streams < 50% of a core), bytes per frame (target 0); baseline: local loopback";

    public async Task RunAsync(BenchmarkReport report, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(report);
        if (RtcStreamsSubscriber.IsChild)
        {
            await RtcStreamsSubscriber.RunAsync(cancellationToken).ConfigureAwait(false);
            return;
        }

        var counts = BenchmarkSteps.Counts("RTC_STREAMS_COUNTS", "10,50,100");
        RtcRuntime.EnsureInitialized();
        await using var server = await DevServerHost.StartAsync(new DevServerOptions { Port = 0, RtcUdpPort = 0, Media = DevServerMediaMode.WebRtc }, cancellationToken).ConfigureAwait(false);
        var publishers = new List<TonePublisher>();
        var measured = new List<(int Count, double BytesPerSecond, double FramesPerSecond)>();
        try
        {
            foreach (int count in counts)
            {
                string n = count.ToString(CultureInfo.InvariantCulture);
                try
                {
                    var setUp = Stopwatch.StartNew();
                    await AddTonesAsync(server, publishers, count, cancellationToken).ConfigureAwait(false);
                    Console.WriteLine($"  {count} tone tracks from {publishers.Count} publishers up ({setUp.Elapsed.TotalSeconds:0.0} s); starting the subscriber process");
                    var (subject, baseline) = await RtcStreamsSubscriber.MeasureInChildAsync(server.Url, Token(server, $"subscriber-{n}"), count, cancellationToken).ConfigureAwait(false);
                    bool atTarget = count == 100;
                    report.Add($"{n} streams: subscriber process CPU", subject.Cpu * 100, "% core", baseline.Cpu * 100, atTarget ? "< 50" : null, atTarget ? subject.Cpu < 0.5 : null);
                    report.Add($"{n} streams: CPU per stream", subject.Cpu * 100 / count, "% core", baseline.Cpu * 100 / count);
                    report.Add($"{n} streams: managed bytes per received frame (incl. room-level)", subject.BytesPerFrame, "B/frame", baseline.BytesPerFrame);
                    measured.Add((count, subject.BytesPerSecond, subject.FramesPerSecond));
                    // Per second too: a constant rate (room events, statistics) shows up per frame as a figure that falls as 1/N.
                    report.Add($"{n} streams: managed bytes allocated per second", subject.BytesPerSecond, "B/s", baseline.BytesPerSecond);
                    report.Add($"{n} streams: frames received per second", subject.FramesPerSecond, "frames/s", baseline.FramesPerSecond, (count * 100).ToString(CultureInfo.InvariantCulture));
                    report.Add($"{n} streams: frames carrying the tone", subject.ToneFraction * 100, "%");
                    report.Add($"{n} streams: frames dropped by the readers", subject.Dropped, "frames", baseline.Dropped);
                }
                catch (Exception e) when (e is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
                {
                    // A loaded machine may not bring up every connection: report what was measured, and why the rest was not.
                    Console.WriteLine($"  {count} streams not measured: {e.GetType().Name}: {e.Message}");
                    report.Add($"{n} streams: NOT MEASURED ({e.GetType().Name})", double.NaN, "");
                    break;
                }
            }
        }
        finally
        {
            await Task.WhenAll(publishers.Select(p => p.DisposeAsync().AsTask())).ConfigureAwait(false);
        }

        if (measured.Count >= 2)
        {
            var (fewest, most) = (measured[0], measured[^1]);
            double slope = (most.BytesPerSecond - fewest.BytesPerSecond) / (most.FramesPerSecond - fewest.FramesPerSecond);
            report.Add(
                $"managed bytes per additional received frame ({fewest.Count} -> {most.Count} streams)",
                slope,
                "B/frame",
                target: "0 (< 1)",
                met: slope < 1);
            report.Add("managed bytes per second not growing with frames (intercept)", fewest.BytesPerSecond - (slope * fewest.FramesPerSecond), "B/s");
        }

        report.Add("native handles left in the publishing process", RtcRuntime.LiveHandleCount, "handles", target: "0", met: RtcRuntime.LiveHandleCount == 0);
    }

    /// <summary>Publishes tone tracks until there are <paramref name="count"/>, up to <see cref="TracksPerPublisher"/> per participant.</summary>
    private static async Task AddTonesAsync(DevServerHost server, List<TonePublisher> publishers, int count, CancellationToken cancellationToken)
    {
        int have = publishers.Sum(p => p.TrackCount);
        while (have < count)
        {
            if (publishers.Count == 0 || publishers[^1].TrackCount == TracksPerPublisher)
            {
                publishers.Add(await TonePublisher.StartAsync(server.Url, Token(server, $"publisher-{publishers.Count}"), cancellationToken).ConfigureAwait(false));
            }

            await publishers[^1].AddToneAsync(cancellationToken).ConfigureAwait(false);
            have++;
        }
    }

    private static string Token(DevServerHost server, string identity) =>
        new AccessToken(server.ApiKey, server.ApiSecret)
            .WithIdentity(identity)
            .WithVideoGrants(new VideoGrants { RoomJoin = true, Room = Room, CanPublish = true, CanSubscribe = true })
            .ToJwt();
}
