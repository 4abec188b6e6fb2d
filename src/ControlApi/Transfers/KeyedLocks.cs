namespace WarmTransfer.ControlApi.Transfers;

/// <summary>
/// Serializes work per key inside this process (a fixed set of striped semaphores, so nothing grows or leaks).
/// Used to run a transfer's command and its LiveKit side effects one at a time; across processes the store's
/// version check is what keeps state consistent.
/// </summary>
internal sealed class KeyedLocks : IDisposable
{
    private readonly SemaphoreSlim[] _stripes;

    public KeyedLocks(int stripes = 256)
    {
        _stripes = new SemaphoreSlim[stripes];
        for (var i = 0; i < stripes; i++)
        {
            _stripes[i] = new SemaphoreSlim(1, 1);
        }
    }

    public async Task<Releaser> AcquireAsync(string key, CancellationToken cancellationToken)
    {
        var stripe = _stripes[(int)((uint)StringComparer.Ordinal.GetHashCode(key) % (uint)_stripes.Length)];
        await stripe.WaitAsync(cancellationToken).ConfigureAwait(false);
        return new Releaser(stripe);
    }

    public void Dispose()
    {
        foreach (var stripe in _stripes)
        {
            stripe.Dispose();
        }
    }

    /// <summary>Releases the stripe on dispose.</summary>
    internal readonly struct Releaser(SemaphoreSlim stripe) : IDisposable
    {
        public void Dispose() => stripe.Release();
    }
}
