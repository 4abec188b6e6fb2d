namespace WarmTransfer.ControlApi.Transfers;

/// <summary>
/// Wakes <see cref="TransferDeadlineService"/> when deadlines are armed, with the earliest new due time, so the loop
/// can re-arm its timer without asking the store. Disarmed deadlines need no wake-up: a timer that fires for a
/// deadline that is gone finds nothing due and moves on.
/// </summary>
internal sealed class TransferDeadlineSignal : IDisposable
{
    private readonly SemaphoreSlim _signal = new(0, 1);
    private readonly object _gate = new();
    private DateTimeOffset? _earliest;

    /// <summary>New deadlines were armed; <paramref name="earliest"/> is the soonest of them (null: re-read the store).</summary>
    public void Wake(DateTimeOffset? earliest)
    {
        lock (_gate)
        {
            _earliest = earliest is null ? DateTimeOffset.MinValue : _earliest is { } current && current <= earliest ? current : earliest;
        }

        try
        {
            _signal.Release();
        }
        catch (SemaphoreFullException)
        {
            // Already signalled; one wake-up covers any number of changes.
        }
    }

    public Task WaitAsync(CancellationToken cancellationToken) => _signal.WaitAsync(cancellationToken);

    /// <summary>The soonest due time announced since the last call (MinValue: re-read the store), and forgets it.</summary>
    public DateTimeOffset? TakeEarliest()
    {
        lock (_gate)
        {
            var earliest = _earliest;
            _earliest = null;
            return earliest;
        }
    }

    public void Dispose() => _signal.Dispose();
}
