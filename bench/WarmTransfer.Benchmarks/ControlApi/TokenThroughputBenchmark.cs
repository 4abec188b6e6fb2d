using System.Diagnostics;
using System.Security.Cryptography;
using System.Text;
using WarmTransfer.Benchmarks.Harness;
using WarmTransfer.ControlApi.Tokens;

namespace WarmTransfer.Benchmarks.ControlApi;

/// <summary>
/// Tokens per second on one core: one thread mints caller/agent/bot tokens in rotation through the control API's
/// <see cref="RoomTokenFactory"/> for a fixed time. Baseline: the same thread doing only the HMAC-SHA256 step.
/// Target: more than 20,000 tokens/s.
/// </summary>
public sealed class TokenThroughputBenchmark : IMacroBenchmark
{
    public const double Target = 20_000;
    private static readonly TimeSpan Warmup = TimeSpan.FromSeconds(1);
    private static readonly TimeSpan Measure = TimeSpan.FromSeconds(3);

    public string Name => "controlapi-tokens";

    public string Description => "LiveKit tokens by role per second on one thread (target > 20,000/s)";

    public Task RunAsync(BenchmarkReport report, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(report);
        var factory = ControlApiTokenFactory.Create();
        var sample = factory.Create(ParticipantRole.Agent, "call-1a2b3c4d5e6f", "alice", "Alice").Token;
        var signingInput = Encoding.ASCII.GetBytes(sample[..sample.LastIndexOf('.')]);
        var secret = Encoding.UTF8.GetBytes("secret");

        var roles = new[] { ParticipantRole.Caller, ParticipantRole.Agent, ParticipantRole.Bot };
        var minted = RunFor(Warmup + Measure, Warmup, i => factory.Create(roles[i % 3], "call-1a2b3c4d5e6f", "agent-" + (i & 63), "Agent"), cancellationToken);
        var hashed = RunFor(Warmup + Measure, Warmup, _ => HMACSHA256.HashData(secret, signingInput), cancellationToken);

        report.Add("tokens per second (caller/agent/bot, 1 thread)", minted, "tokens/s", hashed, "> 20,000/s", minted > Target);
        report.Add("HMAC-SHA256 per second (baseline, same input size)", hashed, "ops/s");
        return Task.CompletedTask;
    }

    /// <summary>Runs <paramref name="work"/> in a loop on this thread; returns operations per second after the warm-up.</summary>
    private static double RunFor<T>(TimeSpan total, TimeSpan warmup, Func<int, T> work, CancellationToken cancellationToken)
    {
        var clock = Stopwatch.StartNew();
        var i = 0;
        while (clock.Elapsed < warmup)
        {
            GC.KeepAlive(work(i++));
        }

        var start = clock.Elapsed;
        var count = 0;
        while (clock.Elapsed < total && !cancellationToken.IsCancellationRequested)
        {
            for (var j = 0; j < 256; j++)
            {
                GC.KeepAlive(work(i++));
            }

            count += 256;
        }

        return count / (clock.Elapsed - start).TotalSeconds;
    }
}
