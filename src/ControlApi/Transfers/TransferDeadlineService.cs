namespace WarmTransfer.ControlApi.Transfers;

/// <summary>
/// Fires transfer timers. Deadlines live in the store, so after a restart this picks up where the last process left
/// off (a deadline that passed while the API was down fires at once). Time comes from <see cref="TimeProvider"/>
/// (a fake one in tests). One loop: sleep until the earliest deadline or a <see cref="TransferDeadlineSignal"/>,
/// then handle everything due.
/// </summary>
/// <remarks>
/// Dependencies are resolved when the loop starts, not in the constructor: hosted services are constructed before
/// options are validated, and a constructor that reads settings would hide the start-up report of what is missing.
/// </remarks>
internal sealed partial class TransferDeadlineService(
    IServiceProvider services,
    TransferDeadlineSignal signal,
    TimeProvider time,
    ILogger<TransferDeadlineService> logger) : BackgroundService
{
    private const int Batch = 100;
    private static readonly TimeSpan RetryAfterError = TimeSpan.FromSeconds(1);

    // One outstanding wait on the signal at a time: an abandoned second wait would swallow a later wake-up.
    private Task? _wake;

    private ITransferStore _store = null!;
    private TransferService _transfers = null!;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        _store = services.GetRequiredService<ITransferStore>();
        _transfers = services.GetRequiredService<TransferService>();
        var refresh = true;
        DateTimeOffset? next = null;
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                if (refresh)
                {
                    await HandleDueAsync(stoppingToken).ConfigureAwait(false);
                    next = (await _store.GetNextDeadlineAsync(stoppingToken).ConfigureAwait(false))?.DueAt;
                    refresh = false;
                }

                if (await SleepAsync(next, stoppingToken).ConfigureAwait(false))
                {
                    refresh = true;
                }
                else if (signal.TakeEarliest() is { } earliest)
                {
                    // New deadlines were armed: only an earlier one changes when to wake.
                    if (earliest == DateTimeOffset.MinValue)
                    {
                        refresh = true;
                    }
                    else if (next is null || earliest < next)
                    {
                        next = earliest;
                    }
                }
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
#pragma warning disable CA1031 // The timer loop must survive a failing store or LiveKit; it retries.
            catch (Exception e)
#pragma warning restore CA1031
            {
                LogLoopFailed(logger, e);
                refresh = true;
                await Task.WhenAny(Task.Delay(RetryAfterError, time, stoppingToken), Wake(stoppingToken)).ConfigureAwait(false);
            }
        }
    }

    private async Task HandleDueAsync(CancellationToken cancellationToken)
    {
        while (true)
        {
            var due = await _store.GetDueDeadlinesAsync(time.GetUtcNow(), Batch, cancellationToken).ConfigureAwait(false);
            foreach (var deadline in due)
            {
                LogFiring(logger, deadline.TransferId, deadline.Kind);
                await _transfers.HandleDeadlineAsync(deadline, cancellationToken).ConfigureAwait(false);
            }

            if (due.Count < Batch)
            {
                return;
            }
        }
    }

    /// <summary>
    /// Sleeps until <paramref name="dueAt"/> (true) or a wake-up (false). The timer is created before the clock is
    /// re-read, so a clock advance between reading the deadline and arming the timer cannot be missed.
    /// </summary>
    private async Task<bool> SleepAsync(DateTimeOffset? dueAt, CancellationToken cancellationToken)
    {
        var wake = Wake(cancellationToken);
        if (dueAt is null)
        {
            await wake.ConfigureAwait(false);
            return false;
        }

        var fired = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var delay = dueAt.Value - time.GetUtcNow();
        using var timer = time.CreateTimer(_ => fired.TrySetResult(), null, delay < TimeSpan.Zero ? TimeSpan.Zero : delay, Timeout.InfiniteTimeSpan);
        if (time.GetUtcNow() >= dueAt.Value)
        {
            return true;
        }

        using var registration = cancellationToken.Register(() => fired.TrySetCanceled(cancellationToken));
        var first = await Task.WhenAny(fired.Task, wake).ConfigureAwait(false);
        cancellationToken.ThrowIfCancellationRequested();
        return first == fired.Task;
    }

    private Task Wake(CancellationToken cancellationToken)
    {
        if (_wake is null || _wake.IsCompleted)
        {
            _wake = signal.WaitAsync(cancellationToken);
        }

        return _wake;
    }

    [LoggerMessage(Level = LogLevel.Debug, Message = "Transfer {TransferId}: {Kind} deadline reached")]
    private static partial void LogFiring(ILogger logger, string transferId, DeadlineKind kind);

    [LoggerMessage(Level = LogLevel.Error, Message = "The transfer timer loop failed; retrying")]
    private static partial void LogLoopFailed(ILogger logger, Exception exception);
}
