namespace WarmTransfer.Benchmarks.Harness;

/// <summary>
/// A whole-system measurement (joins per second, forwarding latency, time to first summary audio...)
/// that BenchmarkDotNet's per-call model does not fit. Each suite measures its subject and a baseline
/// side by side in the same run and reports both, so the printed ratio is meaningful on any machine.
/// </summary>
public interface IMacroBenchmark
{
    /// <summary>Short name used on the command line, e.g. <c>devserver-joins</c>.</summary>
    string Name { get; }

    /// <summary>One line saying what is measured and the target.</summary>
    string Description { get; }

    Task RunAsync(BenchmarkReport report, CancellationToken cancellationToken);
}
