namespace WarmTransfer.TransferAgent.Worker;

/// <summary>
/// Whether the worker is registered with the server right now (readiness, <c>/ready</c>), and under which id.
/// Written by <see cref="AgentWorkerService"/>; read from any thread.
/// </summary>
public sealed class WorkerRegistration
{
    private readonly Lock _gate = new();
    private TaskCompletionSource<string> _registered = NewSignal();

    /// <summary>The id the server gave (<c>AW_…</c>) while registered; null otherwise.</summary>
    public string? WorkerId { get; private set; }

    public bool IsRegistered => WorkerId is not null;

    /// <summary>How many times the worker has registered since start (1 after the first connection, 2 after a reconnect…).</summary>
    public int Registrations { get; private set; }

    /// <summary>Completes with the worker id once registered (at once if registered now).</summary>
    public Task<string> WaitForRegisteredAsync(CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            return _registered.Task.WaitAsync(cancellationToken);
        }
    }

    internal void Registered(string workerId)
    {
        lock (_gate)
        {
            WorkerId = workerId;
            Registrations++;
            _registered.TrySetResult(workerId);
        }
    }

    internal void Lost()
    {
        lock (_gate)
        {
            if (WorkerId is null)
            {
                return;
            }

            WorkerId = null;
            _registered = NewSignal();
        }
    }

    private static TaskCompletionSource<string> NewSignal() => new(TaskCreationOptions.RunContinuationsAsynchronously);
}
