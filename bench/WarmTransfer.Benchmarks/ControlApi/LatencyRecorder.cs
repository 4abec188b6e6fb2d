namespace WarmTransfer.Benchmarks.ControlApi;

/// <summary>Thread-safe collection of latencies (milliseconds) with nearest-rank percentiles.</summary>
internal sealed class LatencyRecorder
{
    private readonly List<double> _samples = [];
    private int _errors;

    public int Errors => Volatile.Read(ref _errors);

    public int Count
    {
        get
        {
            lock (_samples)
            {
                return _samples.Count;
            }
        }
    }

    public void Record(double milliseconds)
    {
        lock (_samples)
        {
            _samples.Add(milliseconds);
        }
    }

    public void Error() => Interlocked.Increment(ref _errors);

    /// <summary>The <paramref name="percentile"/> (0-100) by nearest rank; NaN when empty.</summary>
    public double Percentile(double percentile)
    {
        double[] sorted;
        lock (_samples)
        {
            sorted = [.. _samples];
        }

        if (sorted.Length == 0)
        {
            return double.NaN;
        }

        Array.Sort(sorted);
        var rank = (int)Math.Ceiling(percentile / 100 * sorted.Length);
        return sorted[Math.Clamp(rank - 1, 0, sorted.Length - 1)];
    }
}
