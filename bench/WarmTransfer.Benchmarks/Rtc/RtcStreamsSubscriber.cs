using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using LiveKit.Rtc;

namespace WarmTransfer.Benchmarks.Rtc;

/// <summary>
/// The subscriber side of <see cref="RtcStreamsBenchmark"/>, in its own process so that its CPU is its own: the parent
/// starts this program again (suite <c>rtc-streams</c>) with the room's URL, a token and the stream count in the
/// environment; the child measures, prints one result line per measurement, and exits.
/// </summary>
internal static class RtcStreamsSubscriber
{
    private const string UrlVariable = "RTC_STREAMS_CHILD_URL";
    private const string TokenVariable = "RTC_STREAMS_CHILD_TOKEN";
    private const string CountVariable = "RTC_STREAMS_CHILD_COUNT";
    private const string ResultPrefix = "@rtc-streams ";
    private static readonly TimeSpan Warmup = TimeSpan.FromSeconds(3);
    private static readonly TimeSpan Window = TimeSpan.FromSeconds(5);

    // A 10 ms frame of the publishers' sine (RMS ~11,600) is far above this mean square; silence is far below.
    private const long ToneMeanSquare = 6000L * 6000L;

    // NaN (no frame received) must survive the trip through stdout.
    private static readonly JsonSerializerOptions Json = new() { NumberHandling = System.Text.Json.Serialization.JsonNumberHandling.AllowNamedFloatingPointLiterals };

    public static bool IsChild => Environment.GetEnvironmentVariable(TokenVariable) is { Length: > 0 };

    /// <summary>Starts the child, waits for its two results (subscribed streams, then the loopback baseline).</summary>
    public static async Task<(Measurement Subject, Measurement Baseline)> MeasureInChildAsync(string url, string token, int count, CancellationToken cancellationToken)
    {
        var start = new ProcessStartInfo { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        string self = Environment.ProcessPath ?? throw new InvalidOperationException("no process path");
        if (Path.GetFileNameWithoutExtension(self) == "dotnet")
        {
            // Started as "dotnet WarmTransfer.Benchmarks.dll": start the child the same way.
            start.FileName = self;
            start.ArgumentList.Add(typeof(RtcStreamsSubscriber).Assembly.Location);
        }
        else
        {
            start.FileName = self;
        }

        start.ArgumentList.Add("rtc-streams");
        start.Environment[UrlVariable] = url;
        start.Environment[TokenVariable] = token;
        start.Environment[CountVariable] = count.ToString(CultureInfo.InvariantCulture);

        using var child = Process.Start(start) ?? throw new InvalidOperationException("the subscriber process did not start");
        var errors = child.StandardError.ReadToEndAsync(cancellationToken);
        var results = new Dictionary<string, Measurement>(StringComparer.Ordinal);
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(TimeSpan.FromSeconds(90));
        try
        {
            while (await child.StandardOutput.ReadLineAsync(timeout.Token).ConfigureAwait(false) is { } line)
            {
                if (line.StartsWith(ResultPrefix, StringComparison.Ordinal))
                {
                    var m = JsonSerializer.Deserialize<Measurement>(line[ResultPrefix.Length..], Json)!;
                    results[m.Kind] = m;
                }
                else if (line.StartsWith("  ", StringComparison.Ordinal))
                {
                    Console.WriteLine("  [subscriber] " + line.Trim());
                }
            }

            await child.WaitForExitAsync(timeout.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            child.Kill(entireProcessTree: true);
            throw;
        }

        if (!results.TryGetValue("subscribed", out var subject) || !results.TryGetValue("loopback", out var baseline))
        {
            throw new InvalidOperationException($"the subscriber process (exit {child.ExitCode}) gave no result: {await errors.ConfigureAwait(false)}");
        }

        return (subject, baseline);
    }

    /// <summary>The child: join, subscribe to every stream, measure; then the loopback baseline with as many streams.</summary>
    public static async Task RunAsync(CancellationToken cancellationToken)
    {
        string url = Environment.GetEnvironmentVariable(UrlVariable)!;
        string token = Environment.GetEnvironmentVariable(TokenVariable)!;
        int count = int.Parse(Environment.GetEnvironmentVariable(CountVariable)!, CultureInfo.InvariantCulture);
        var options = new AudioStreamOptions { SampleRate = 48000, NumChannels = 1 };

        var subscribed = new List<RemoteTrack>();
        var all = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        await using (var room = new Room())
        {
            room.TrackSubscribed += (_, e) =>
            {
                lock (subscribed)
                {
                    subscribed.Add(e.Track);
                    if (subscribed.Count >= count)
                    {
                        all.TrySetResult();
                    }
                }
            };
            var joined = Stopwatch.StartNew();
            await room.ConnectAsync(url, token, new RoomOptions { AutoSubscribe = true }, cancellationToken).ConfigureAwait(false);
            await all.Task.WaitAsync(TimeSpan.FromSeconds(60), cancellationToken).ConfigureAwait(false);
            Console.WriteLine($"  subscribed to {count} tracks in {joined.Elapsed.TotalSeconds:0.0} s");
            List<RemoteTrack> tracks;
            lock (subscribed)
            {
                tracks = [.. subscribed.Take(count)];
            }

            var streams = tracks.Select(t => AudioStream.FromTrack(t, options)).ToList();
            Print(await MeasureAsync("subscribed", streams, cancellationToken).ConfigureAwait(false));
        }

        var sources = Enumerable.Range(0, count).Select(_ => new AudioSource(48000, 1)).ToList();
        var localTracks = sources.Select((s, i) => LocalAudioTrack.Create($"loopback-{i}", s)).ToList();
        try
        {
            var streams = localTracks.Select(t => AudioStream.FromTrack(t, options)).ToList();
            Print(await MeasureAsync("loopback", streams, cancellationToken).ConfigureAwait(false));
        }
        finally
        {
            localTracks.ForEach(t => t.Dispose());
            sources.ForEach(s => s.Dispose());
        }
    }

    private static void Print(Measurement m) => Console.WriteLine(ResultPrefix + JsonSerializer.Serialize(m, Json));

    /// <summary>One reading loop per stream (the same loop for both kinds); process CPU and allocations over the window. Disposes the streams.</summary>
    private static async Task<Measurement> MeasureAsync(string kind, List<AudioStream> streams, CancellationToken cancellationToken)
    {
        var frames = new long[streams.Count];
        var tone = new long[streams.Count];
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var readers = streams.Select((s, i) => Task.Run(() => ReadAsync(s, frames, tone, i, stop.Token), CancellationToken.None)).ToList();
        try
        {
            await Task.Delay(Warmup, cancellationToken).ConfigureAwait(false);
            using var process = Process.GetCurrentProcess();
            long framesBefore = Sum(frames);
            long toneBefore = Sum(tone);
            long bytesBefore = GC.GetTotalAllocatedBytes(precise: true);
            var cpuBefore = process.TotalProcessorTime;
            var wall = Stopwatch.StartNew();
            await Task.Delay(Window, cancellationToken).ConfigureAwait(false);
            process.Refresh();
            double seconds = wall.Elapsed.TotalSeconds;
            double cpu = (process.TotalProcessorTime - cpuBefore).TotalSeconds / seconds;
            long bytes = GC.GetTotalAllocatedBytes(precise: true) - bytesBefore;
            long received = Sum(frames) - framesBefore;
            long withTone = Sum(tone) - toneBefore;
            return new Measurement(
                kind,
                cpu,
                received / seconds,
                received == 0 ? double.NaN : (double)bytes / received,
                bytes / seconds,
                received == 0 ? 0 : (double)withTone / received,
                streams.Sum(s => s.DroppedFrames));
        }
        finally
        {
            await stop.CancelAsync().ConfigureAwait(false);
            await Task.WhenAll(readers).ConfigureAwait(false);
            foreach (var s in streams)
            {
                await s.DisposeAsync().ConfigureAwait(false);
            }
        }
    }

    /// <summary>Reads frames, checking each for the tone (sum of squares), counting into its own slots.</summary>
    private static async Task ReadAsync(AudioStream stream, long[] frames, long[] tone, int slot, CancellationToken cancellationToken)
    {
        long count = 0;
        long loud = 0;
        try
        {
            await foreach (var frame in stream.WithCancellation(cancellationToken).ConfigureAwait(false))
            {
                var samples = frame.Data.Span;
                long sum = 0;
                foreach (short s in samples)
                {
                    sum += s * s;
                }

                count++;
                if (samples.Length > 0 && sum / samples.Length > ToneMeanSquare)
                {
                    loud++;
                }

                Volatile.Write(ref frames[slot], count);
                Volatile.Write(ref tone[slot], loud);
            }
        }
        catch (OperationCanceledException)
        {
        }
    }

    private static long Sum(long[] values)
    {
        long total = 0;
        for (int i = 0; i < values.Length; i++)
        {
            total += Volatile.Read(ref values[i]);
        }

        return total;
    }

    /// <summary>One measurement window: process CPU (fraction of one core), frames/s, managed bytes per frame and per second, share of frames with the tone, drops.</summary>
    internal sealed record Measurement(string Kind, double Cpu, double FramesPerSecond, double BytesPerFrame, double BytesPerSecond, double ToneFraction, long Dropped);
}
