using Microsoft.Extensions.Options;
using WarmTransfer.ControlApi.Auth;
using WarmTransfer.ControlApi.Events;
using WarmTransfer.ControlApi.LiveKit;
using WarmTransfer.ControlApi.Rooms;
using WarmTransfer.ControlApi.Tokens;

namespace WarmTransfer.ControlApi.Transfers;

/// <summary>
/// Owns transfer state: applies commands through <see cref="TransferStateMachine"/>, persists each transition with its
/// time, actor and reason, arms the transfer's timers, and then performs the LiveKit side effects and notifications.
/// </summary>
/// <remarks>
/// Concurrency: a command reads the transfer, checks it, and writes the new state only if the stored version is
/// still the one it read; on a lost race it re-reads and re-checks, so of an accept and a cancel racing on one
/// transfer exactly one applies and the other gets a 409 naming the state it lost to. Within this process a
/// per-transfer lock also keeps one command's side effects from interleaving with the next command's.
/// Side effects run after the state is persisted and never undo it; their failures are logged.
/// </remarks>
internal sealed partial class TransferService(
    ITransferStore store,
    IRoomStore rooms,
    ILiveKitGateway liveKit,
    RoomTokenFactory tokens,
    AgentDirectory directory,
    AgentEventHub events,
    TransferDeadlineSignal deadlineSignal,
    KeyedLocks locks,
    IOptions<TransferOptions> options,
    IOptions<Microsoft.AspNetCore.Http.Json.JsonOptions> json,
    TimeProvider time,
    ILogger<TransferService> logger)
{
    private const int MaxWriteAttempts = 8;

    public Task<Transfer?> GetAsync(string id, CancellationToken cancellationToken) => store.GetAsync(id, cancellationToken);

    /// <summary>Whether <paramref name="actor"/> may see the transfer: its two agents and admins.</summary>
    public static bool CanView(Transfer transfer, TransferActor actor) =>
        actor.IsAdmin || transfer.FromAgent == actor.Identity || transfer.ToAgent == actor.Identity;

    /// <summary>
    /// Applies <paramref name="command"/> with optimistic concurrency. <paramref name="authorize"/> returns a refusal
    /// or null; it runs on every re-read. Returns the transfer as written (its events are stored with it, not yet announced).
    /// </summary>
    private async Task<TransferResult> ApplyAsync(
        string id,
        TransferCommand command,
        TransferActor actor,
        string? reason,
        Func<Transfer, TransferResult?>? authorize,
        CancellationToken cancellationToken)
    {
        for (var attempt = 0; attempt < MaxWriteAttempts; attempt++)
        {
            var transfer = await store.GetAsync(id, cancellationToken).ConfigureAwait(false);
            if (transfer is null)
            {
                return TransferResult.Fail(TransferError.NotFound, $"Transfer {id} does not exist.");
            }

            if (authorize?.Invoke(transfer) is { } refusal)
            {
                return refusal;
            }

            if (!TransferStateMachine.CanApply(transfer.State, command))
            {
                return TransferResult.Fail(TransferError.Conflict, TransferStateMachine.DescribeRefusal(id, transfer.State, command), transfer);
            }

            var now = time.GetUtcNow();
            var target = TransferStateMachine.TargetOf(command);
            var transition = new TransferTransition(transfer.State, target, now, actor.Identity, reason);
            var written = transfer with
            {
                State = target,
                Reason = TransferStateMachine.IsActive(target) ? transfer.Reason : reason,
                UpdatedAt = now,
                Version = transfer.Version + 1,
            };
            var deadlines = DeadlinesFor(transfer, target, now);
            var update = new TransferUpdate(id, transfer.Version, transition, deadlines, EventsFor(written, transition));
            if (await store.TryUpdateAsync(update, cancellationToken).ConfigureAwait(false))
            {
                WakeTimers(deadlines);
                LogTransition(logger, id, transfer.State, target);
                LogTransitionActor(logger, id, target, actor.Identity);
                return TransferResult.Ok(written);
            }

            LogWriteConflict(logger, id, command, attempt + 1);
        }

        return TransferResult.Fail(TransferError.Conflict, $"Transfer {id} is being changed by other requests right now; retry.");
    }

    /// <summary>The agents' events announcing a transition (written in the same transaction; see <see cref="TransferUpdate"/>).</summary>
    private IReadOnlyList<Events.AgentEvent> EventsFor(Transfer written, TransferTransition transition)
    {
        // Agent B learns of a new transfer as "incoming"; every other change is a "state" event for both agents.
        var toAgentEvent = transition.From is null ? Events.AgentEventTypes.TransferIncoming : Events.AgentEventTypes.TransferState;
        return events.Draft(
            [(written.FromAgent, Events.AgentEventTypes.TransferState), (written.ToAgent, toAgentEvent)],
            written.Id,
            new TransferStateEvent(TransferView.From(written), TransitionView.Of(transition)));
    }

    private void WakeTimers(List<TransferDeadline> armed)
    {
        if (armed.Count > 0)
        {
            deadlineSignal.Wake(armed.Min(d => d.DueAt));
        }
    }

    private List<TransferDeadline> DeadlinesFor(Transfer transfer, TransferState state, DateTimeOffset now)
    {
        var settings = options.Value;
        return state switch
        {
            TransferState.Requested => [new(transfer.Id, DeadlineKind.Setup, now + settings.SetupTimeout)],
            TransferState.Briefing when transfer.AgentJoinedAt is null =>
            [
                new(transfer.Id, DeadlineKind.AgentJoin, now + settings.AgentJoinTimeout),
                new(transfer.Id, DeadlineKind.Briefing, now + settings.BriefingTimeout),
            ],
            TransferState.Briefing => [new(transfer.Id, DeadlineKind.Briefing, now + settings.BriefingTimeout)],
            TransferState.Accepted => [new(transfer.Id, DeadlineKind.Completion, now + settings.CompletionTimeout)],
            _ => [],
        };
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Transfer {TransferId}: {From} -> {To}")]
    private static partial void LogTransition(ILogger logger, string transferId, TransferState from, TransferState to);

    [LoggerMessage(Level = LogLevel.Trace, Message = "Transfer {TransferId}: {To} by {Actor}")]
    private static partial void LogTransitionActor(ILogger logger, string transferId, TransferState to, string actor);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Transfer {TransferId}: {Command} lost a concurrent write (attempt {Attempt}); re-reading")]
    private static partial void LogWriteConflict(ILogger logger, string transferId, TransferCommand command, int attempt);
}
