namespace WarmTransfer.TransferAgent.Tests.TestSupport;

/// <summary>Generous waits for a loaded 2-core machine: they bound failures, they are never asserted on.</summary>
public static class Patience
{
    /// <summary>Events that normally take well under a second.</summary>
    public static readonly TimeSpan Quick = TimeSpan.FromSeconds(30);

    /// <summary>Joins (ICE + DTLS), speech recognition, reconnects.</summary>
    public static readonly TimeSpan Slow = TimeSpan.FromSeconds(90);

    /// <summary>Polls <paramref name="probe"/> until it returns a value (server-side state with no event to await).</summary>
    public static async Task<T> UntilAsync<T>(Func<Task<T?>> probe, string what, TimeSpan? timeout = null)
        where T : class
    {
        using var cts = new CancellationTokenSource(timeout ?? Slow);
        while (true)
        {
            if (await probe() is { } value)
            {
                return value;
            }

            if (cts.IsCancellationRequested)
            {
                throw new TimeoutException("timed out waiting for " + what);
            }

            await Task.Delay(100, CancellationToken.None);
        }
    }
}
