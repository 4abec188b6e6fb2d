using LiveKit.Proto;

namespace WarmTransfer.TransferAgent.Worker;

/// <summary>One job in the runner: the assignment, its cancellation and its task.</summary>
internal sealed class RunningJob(Job job, string url, string token) : IDisposable
{
    private readonly CancellationTokenSource _cancel = new();

    public Job Job { get; } = job;

    public string Url { get; } = url;

    public string Token { get; } = token;

    public string Id => Job.Id;

    /// <summary>Cancelled on termination, room loss, or when the drain time-out expires.</summary>
    public CancellationToken Cancellation => _cancel.Token;

    /// <summary>Why the job was cancelled (null while it runs); decides the reported outcome.</summary>
    public string? CancelReason { get; private set; }

    /// <summary>True when the cancellation is a normal end (terminated by the server, room closed), not a failure.</summary>
    public bool CancelIsNormalEnd { get; private set; }

    public Task Completion { get; set; } = Task.CompletedTask;

    public void Cancel(string reason, bool normalEnd)
    {
        lock (_cancel)
        {
            if (CancelReason is not null)
            {
                return;
            }

            CancelReason = reason;
            CancelIsNormalEnd = normalEnd;
        }

        try
        {
            _cancel.Cancel();
        }
        catch (ObjectDisposedException)
        {
            // The job already ended.
        }
    }

    public void Dispose() => _cancel.Dispose();
}
