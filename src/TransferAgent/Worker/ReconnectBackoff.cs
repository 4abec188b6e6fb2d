namespace WarmTransfer.TransferAgent.Worker;

/// <summary>
/// Delays between reconnect attempts: exponential (initial × 2^attempt) up to a cap, with "equal jitter" (half the
/// delay fixed, half random) so that workers dropped by the same server restart do not all come back at once.
/// </summary>
public sealed class ReconnectBackoff(TimeSpan initial, TimeSpan cap, Random? random = null)
{
    private readonly Random _random = random ?? Random.Shared;

    /// <summary>The delay before attempt <paramref name="attempt"/> (0 = the first retry): in [d/2, d] with d = min(cap, initial × 2^attempt).</summary>
    public TimeSpan Delay(int attempt)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(attempt);
        double ceiling = Math.Min(cap.TotalMilliseconds, initial.TotalMilliseconds * Math.Pow(2, Math.Min(attempt, 30)));
        return TimeSpan.FromMilliseconds((ceiling / 2) + (_random.NextDouble() * ceiling / 2));
    }
}
