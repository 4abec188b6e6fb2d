using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using WarmTransfer.Benchmarks.Harness;

namespace WarmTransfer.Benchmarks.ControlApi;

/// <summary>
/// Transfer-command latency under load, open loop: commands are issued on a fixed schedule at
/// <see cref="Rate"/> per second whatever the answers' speed (the dispatcher never waits for a response, so a slow
/// server cannot slow the offered load and hide its queueing). Latency runs from the moment a command is sent; how
/// late the generator sent commands against the schedule is reported too. Each transfer runs start, accept, complete
/// (<see cref="StepGap"/> apart) with an Idempotency-Key, through the real HTTP stack, auth, state machine and
/// SQLite file; LiveKit is <see cref="NullLiveKitGateway"/>, so its round trips are excluded. Baseline: an
/// authenticated <c>GET /api/auth/me</c> at the same rate (the HTTP and auth floor). Target: p99 &lt; 20 ms at 500/s.
/// </summary>
public sealed class TransferCommandLatencyBenchmark : IMacroBenchmark
{
    public const double TargetRate = 500;
    public const double TargetP99Ms = 20;
    private static readonly TimeSpan StepGap = TimeSpan.FromMilliseconds(100);

    public string Name => "controlapi-transfers";

    public string Description => "transfer commands at 500/s, open loop, real HTTP + SQLite: p50/p99 latency (target p99 < 20 ms)";

    /// <summary>Commands per second; <c>WT_BENCH_RATE</c> overrides the target 500 (for diagnosis only).</summary>
    private static double Rate =>
        double.TryParse(Environment.GetEnvironmentVariable("WT_BENCH_RATE"), NumberStyles.Float, CultureInfo.InvariantCulture, out var r) && r > 0 ? r : TargetRate;

    /// <summary>Measured seconds; <c>WT_BENCH_SECONDS</c> overrides the default 20.</summary>
    private static double Seconds =>
        double.TryParse(Environment.GetEnvironmentVariable("WT_BENCH_SECONDS"), NumberStyles.Float, CultureInfo.InvariantCulture, out var s) && s > 0 ? s : 20;

    public async Task RunAsync(BenchmarkReport report, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(report);
        await using var host = BenchControlApiHost.Start();
        using var anonymous = host.NewClient();
        using var alice = await host.LoginAsync("alice").ConfigureAwait(false);
        using var bob = await host.LoginAsync("bob").ConfigureAwait(false);

        var flows = (int)Math.Ceiling(Rate * Seconds / 3);
        var rooms = await OpenCallsAsync(anonymous, alice, flows + 50, cancellationToken).ConfigureAwait(false);

        // Warm-up: a few transfers end to end, not measured.
        var warm = new Recorders();
        await RunScheduleAsync(alice, bob, rooms[flows..], Rate / 5, warm, cancellationToken).ConfigureAwait(false);

        var process = Process.GetCurrentProcess();
        var baseline = new LatencyRecorder();
        var cpuBefore = process.TotalProcessorTime;
        await RunBaselineAsync(alice, (int)(Rate * Math.Min(5, Seconds)), baseline, cancellationToken).ConfigureAwait(false);
        process.Refresh();
        var cpuPerBaseline = (process.TotalProcessorTime - cpuBefore).TotalMilliseconds / Math.Max(1, baseline.Count + baseline.Errors);

        var recorders = new Recorders();
        cpuBefore = process.TotalProcessorTime;
        var clock = Stopwatch.StartNew();
        await RunScheduleAsync(alice, bob, rooms[..flows], Rate, recorders, cancellationToken).ConfigureAwait(false);
        var elapsed = clock.Elapsed.TotalSeconds;
        process.Refresh();
        var cpuPerCommand = (process.TotalProcessorTime - cpuBefore).TotalMilliseconds / Math.Max(1, recorders.All.Count + recorders.All.Errors);

        var all = recorders.All;
        report.Add("commands issued", all.Count + all.Errors, "commands");
        report.Add("command errors (non-2xx or exception)", all.Errors, "commands", target: "0", met: all.Errors == 0);
        report.Add("achieved rate", (all.Count + all.Errors) / elapsed, "cmd/s", target: $"{Rate:0}/s");
        report.Add("latency p50, all commands", all.Percentile(50), "ms", baseline.Percentile(50));
        report.Add("latency p90, all commands", all.Percentile(90), "ms", baseline.Percentile(90));
        report.Add("latency p99, all commands", all.Percentile(99), "ms", baseline.Percentile(99), "< 20 ms", all.Percentile(99) < TargetP99Ms);
        report.Add("latency max, all commands", all.Percentile(100), "ms", baseline.Percentile(100));
        report.Add("dispatch lag p99 (sent after schedule)", recorders.Lag.Percentile(99), "ms");
        report.Add("latency p99, start", recorders.Start.Percentile(99), "ms");
        report.Add("latency p99, accept", recorders.Accept.Percentile(99), "ms");
        report.Add("latency p99, complete", recorders.Complete.Percentile(99), "ms");
        report.Add("baseline GET /api/auth/me p50 / p99", baseline.Percentile(50), "ms", target: $"p99 {baseline.Percentile(99).ToString("0.##", CultureInfo.InvariantCulture)} ms");
        report.Add("CPU per command (API and load generator together)", cpuPerCommand, "ms", cpuPerBaseline, target: $"< {1000 / Rate * Environment.ProcessorCount:0.#} ms to sustain the rate on {Environment.ProcessorCount} cores");
        report.Add("LiveKit calls made (null gateway)", host.LiveKit.Calls, "calls");
    }

    private static async Task<string[]> OpenCallsAsync(HttpClient anonymous, HttpClient alice, int count, CancellationToken cancellationToken)
    {
        var rooms = new string[count];
        await Parallel.ForAsync(0, count, new ParallelOptions { MaxDegreeOfParallelism = 16, CancellationToken = cancellationToken }, async (i, ct) =>
        {
            using var call = await anonymous.PostAsJsonAsync("/api/calls", new { }, ct).ConfigureAwait(false);
            call.EnsureSuccessStatusCode();
            var room = (await call.Content.ReadFromJsonAsync<JsonElement>(ct).ConfigureAwait(false)).GetProperty("room").GetString()!;
            using var claim = await alice.PostAsJsonAsync("/api/tokens/agent", new { room }, ct).ConfigureAwait(false);
            claim.EnsureSuccessStatusCode();
            rooms[i] = room;
        }).ConfigureAwait(false);
        return rooms;
    }

    /// <summary>Flow j starts at j * 3 / rate; its accept and complete follow <see cref="StepGap"/> apart, each after the previous answered.</summary>
    private static async Task RunScheduleAsync(HttpClient alice, HttpClient bob, string[] rooms, double rate, Recorders recorders, CancellationToken cancellationToken)
    {
        var origin = Stopwatch.GetTimestamp() + Stopwatch.Frequency / 10;
        var flows = new List<Task>(rooms.Length);
        for (var j = 0; j < rooms.Length && !cancellationToken.IsCancellationRequested; j++)
        {
            var scheduled = origin + (long)(j * 3 / rate * Stopwatch.Frequency);
            await WaitUntilAsync(scheduled, cancellationToken).ConfigureAwait(false);
            flows.Add(RunFlowAsync(alice, bob, rooms[j], scheduled, recorders, cancellationToken));
        }

        await Task.WhenAll(flows).ConfigureAwait(false);
    }

    private static async Task RunFlowAsync(HttpClient alice, HttpClient bob, string room, long scheduled, Recorders recorders, CancellationToken cancellationToken)
    {
        var gap = (long)(StepGap.TotalSeconds * Stopwatch.Frequency);
        var started = await CommandAsync(alice, "/api/transfers", new { callRoom = room, toAgent = "bob" }, scheduled, recorders.Start, recorders.All, recorders.Lag, cancellationToken).ConfigureAwait(false);
        if (started is not { } transfer)
        {
            return;
        }

        var id = transfer.GetProperty("id").GetString()!;
        await WaitUntilAsync(scheduled + gap, cancellationToken).ConfigureAwait(false);
        if (await CommandAsync(bob, $"/api/transfers/{id}/accept", null, scheduled + gap, recorders.Accept, recorders.All, recorders.Lag, cancellationToken).ConfigureAwait(false) is null)
        {
            return;
        }

        await WaitUntilAsync(scheduled + (2 * gap), cancellationToken).ConfigureAwait(false);
        await CommandAsync(alice, $"/api/transfers/{id}/complete", null, scheduled + (2 * gap), recorders.Complete, recorders.All, recorders.Lag, cancellationToken).ConfigureAwait(false);
    }

    private static async Task<JsonElement?> CommandAsync(
        HttpClient client, string path, object? body, long scheduled, LatencyRecorder recorder, LatencyRecorder all, LatencyRecorder lag, CancellationToken cancellationToken)
    {
        try
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = body is null ? null : JsonContent.Create(body) };
            request.Headers.Add("Idempotency-Key", Guid.NewGuid().ToString("N"));
            var sent = Stopwatch.GetTimestamp();
            lag.Record(Math.Max(0, Stopwatch.GetElapsedTime(scheduled, sent).TotalMilliseconds));
            using var response = await client.SendAsync(request, cancellationToken).ConfigureAwait(false);
            var payload = await response.Content.ReadFromJsonAsync<JsonElement>(cancellationToken).ConfigureAwait(false);
            var latency = Stopwatch.GetElapsedTime(sent).TotalMilliseconds;
            if (response.StatusCode is not (HttpStatusCode.OK or HttpStatusCode.Created))
            {
                recorder.Error();
                all.Error();
                return null;
            }

            recorder.Record(latency);
            all.Record(latency);
            return payload;
        }
        catch (HttpRequestException)
        {
            recorder.Error();
            all.Error();
            return null;
        }
    }

    private static async Task RunBaselineAsync(HttpClient client, int count, LatencyRecorder recorder, CancellationToken cancellationToken)
    {
        var origin = Stopwatch.GetTimestamp() + Stopwatch.Frequency / 10;
        var requests = new List<Task>(count);
        for (var i = 0; i < count && !cancellationToken.IsCancellationRequested; i++)
        {
            var scheduled = origin + (long)(i / Rate * Stopwatch.Frequency);
            await WaitUntilAsync(scheduled, cancellationToken).ConfigureAwait(false);
            requests.Add(Task.Run(
                async () =>
                {
                    var sent = Stopwatch.GetTimestamp();
                    using var response = await client.GetAsync("/api/auth/me", cancellationToken).ConfigureAwait(false);
                    await response.Content.ReadAsByteArrayAsync(cancellationToken).ConfigureAwait(false);
                    if (response.IsSuccessStatusCode)
                    {
                        recorder.Record(Stopwatch.GetElapsedTime(sent).TotalMilliseconds);
                    }
                    else
                    {
                        recorder.Error();
                    }
                },
                cancellationToken));
        }

        await Task.WhenAll(requests).ConfigureAwait(false);
    }

    /// <summary>
    /// Sleeps until the tick, without spinning: spinning would steal a core from the server under test on a small
    /// machine. Timer granularity (about a millisecond) shows up as dispatch lag, not as command latency.
    /// </summary>
    private static async Task WaitUntilAsync(long timestamp, CancellationToken cancellationToken)
    {
        var remaining = Stopwatch.GetElapsedTime(Stopwatch.GetTimestamp(), timestamp);
        if (remaining > TimeSpan.Zero)
        {
            await Task.Delay(remaining, cancellationToken).ConfigureAwait(false);
        }
    }

    private sealed class Recorders
    {
        public LatencyRecorder All { get; } = new();

        public LatencyRecorder Start { get; } = new();

        public LatencyRecorder Accept { get; } = new();

        public LatencyRecorder Complete { get; } = new();

        /// <summary>How late each command was sent against its schedule (generator and timer delays).</summary>
        public LatencyRecorder Lag { get; } = new();
    }
}
