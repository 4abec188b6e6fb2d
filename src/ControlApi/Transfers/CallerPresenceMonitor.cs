using Microsoft.Extensions.Options;

namespace WarmTransfer.ControlApi.Transfers;

/// <summary>
/// Runs <see cref="CallerPresenceCheck"/> every <see cref="TransferOptions.PresencePollInterval"/> (off when zero), and
/// its housekeeping about once an hour, on the host's <see cref="TimeProvider"/>.
/// </summary>
/// <remarks>Resolves its dependencies when it starts, after the options have been validated (see <see cref="TransferDeadlineService"/>).</remarks>
internal sealed class CallerPresenceMonitor(IServiceProvider services, TimeProvider time) : BackgroundService
{
    private static readonly TimeSpan PruneEvery = TimeSpan.FromHours(1);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var check = services.GetRequiredService<CallerPresenceCheck>();
        var interval = services.GetRequiredService<IOptions<TransferOptions>>().Value.PresencePollInterval;
        var lastPrune = DateTimeOffset.MinValue;
        using var timer = new PeriodicTimer(interval > TimeSpan.Zero ? interval : PruneEvery, time);
        try
        {
            do
            {
                if (time.GetUtcNow() - lastPrune >= PruneEvery)
                {
                    lastPrune = time.GetUtcNow();
                    await check.PruneAsync(stoppingToken).ConfigureAwait(false);
                }

                if (interval > TimeSpan.Zero)
                {
                    await check.CheckCallersAsync(stoppingToken).ConfigureAwait(false);
                }
            }
            while (await timer.WaitForNextTickAsync(stoppingToken).ConfigureAwait(false));
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }
}
