using Microsoft.Extensions.Options;
using WarmTransfer.ControlApi.Auth;
using WarmTransfer.ControlApi.Events;
using WarmTransfer.ControlApi.Idempotency;
using WarmTransfer.ControlApi.LiveKit;
using WarmTransfer.ControlApi.Rooms;

namespace WarmTransfer.ControlApi.Transfers;

/// <summary>
/// Fallback for missed <c>participant_left</c> webhooks: lists the participants of each active transfer's call room
/// and abandons the transfer when the caller is gone; and housekeeping (expired agent events and idempotency keys).
/// Run periodically by <see cref="CallerPresenceMonitor"/>.
/// </summary>
internal sealed partial class CallerPresenceCheck(
    ITransferStore store,
    IRoomStore rooms,
    ILiveKitGateway liveKit,
    TransferService transfers,
    AgentDirectory directory,
    IAgentEventStore agentEvents,
    IIdempotencyStore idempotency,
    IOptions<EventOptions> eventOptions,
    TimeProvider time,
    ILogger<CallerPresenceCheck> logger)
{
    private static readonly TimeSpan IdempotencyRetention = TimeSpan.FromHours(24);

    /// <summary>One pass over the active transfers; public for tests and the benchmark harness.</summary>
    public async Task CheckCallersAsync(CancellationToken cancellationToken)
    {
        IReadOnlyList<Transfer> active;
        try
        {
            active = await store.ListActiveAsync(cancellationToken).ConfigureAwait(false);
        }
#pragma warning disable CA1031 // A failing poll is retried on the next tick.
        catch (Exception e)
#pragma warning restore CA1031
        {
            LogPollFailed(logger, e);
            return;
        }

        foreach (var transfer in active)
        {
            try
            {
                var participants = await liveKit.ListParticipantsAsync(transfer.CallRoom, cancellationToken).ConfigureAwait(false);
                var room = await rooms.GetAsync(transfer.CallRoom, cancellationToken).ConfigureAwait(false);
                if (participants is null)
                {
                    await transfers.AbandonCallAsync(transfer.CallRoom, "the call room ended", cancellationToken).ConfigureAwait(false);
                }
                else if (!CallerPresent(participants, room?.Caller))
                {
                    await transfers.AbandonCallAsync(transfer.CallRoom, "the caller left the call", cancellationToken).ConfigureAwait(false);
                }
            }
            catch (LiveKitUnavailableException e)
            {
                LogPollFailed(logger, e);
                return;
            }
        }
    }

    /// <summary>The recorded caller is present; with no recorded caller, anyone who is neither a known agent nor the bot counts.</summary>
    private bool CallerPresent(IReadOnlyList<LiveKitParticipant> participants, string? caller) =>
        caller is not null
            ? participants.Any(p => p.Identity == caller)
            : participants.Any(p => !p.IsAgent && !directory.IsAgent(p.Identity));

    /// <summary>Deletes agent events older than their retention and idempotency keys older than a day.</summary>
    public async Task PruneAsync(CancellationToken cancellationToken)
    {
        try
        {
            var now = time.GetUtcNow();
            await agentEvents.PruneAsync(now - eventOptions.Value.Retention, cancellationToken).ConfigureAwait(false);
            await idempotency.PruneAsync(now - IdempotencyRetention, cancellationToken).ConfigureAwait(false);
        }
#pragma warning disable CA1031 // Pruning is housekeeping; it retries next hour.
        catch (Exception e)
#pragma warning restore CA1031
        {
            LogPruneFailed(logger, e);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Checking callers' presence failed; retrying on the next tick")]
    private static partial void LogPollFailed(ILogger logger, Exception exception);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Pruning old events and idempotency keys failed")]
    private static partial void LogPruneFailed(ILogger logger, Exception exception);
}
