using System.Globalization;
using WarmTransfer.ControlApi.LiveKit;

namespace WarmTransfer.ControlApi.Transfers;

internal sealed partial class TransferService
{
    /// <summary>Handles one due timer (called by <see cref="TransferDeadlineService"/>), then disarms it.</summary>
    public async Task HandleDeadlineAsync(TransferDeadline deadline, CancellationToken cancellationToken)
    {
        using (await locks.AcquireAsync(deadline.TransferId, cancellationToken).ConfigureAwait(false))
        {
            var transfer = await store.GetAsync(deadline.TransferId, cancellationToken).ConfigureAwait(false);
            var settings = options.Value;
            switch (deadline.Kind)
            {
                case DeadlineKind.Setup when transfer?.State == TransferState.Requested:
                    await FailLockedAsync(transfer.Id, $"the handoff was not set up within {Describe(settings.SetupTimeout)}", cancellationToken).ConfigureAwait(false);
                    break;
                case DeadlineKind.AgentJoin when transfer is { State: TransferState.Briefing, AgentJoinedAt: null }:
                    if (await IsInRoomAsync(transfer.HandoffRoom, transfer.ToAgent, cancellationToken).ConfigureAwait(false))
                    {
                        // The webhook was missed (or not configured): the poll is the fallback.
                        await store.MarkAgentJoinedAsync(transfer.Id, time.GetUtcNow(), cancellationToken).ConfigureAwait(false);
                    }
                    else
                    {
                        await EndLockedAsync(transfer.Id, TransferCommand.TimeOut, TransferActor.System, $"Agent B did not join the handoff room within {Describe(settings.AgentJoinTimeout)}", null, cancellationToken).ConfigureAwait(false);
                    }

                    break;
                case DeadlineKind.Briefing when transfer?.State == TransferState.Briefing:
                    await EndLockedAsync(transfer.Id, TransferCommand.TimeOut, TransferActor.System, $"the briefing did not finish within {Describe(settings.BriefingTimeout)}", null, cancellationToken).ConfigureAwait(false);
                    break;
                case DeadlineKind.Completion when transfer?.State == TransferState.Accepted:
                    await EndLockedAsync(transfer.Id, TransferCommand.Complete, TransferActor.System, $"completed automatically {Describe(settings.CompletionTimeout)} after acceptance", null, cancellationToken).ConfigureAwait(false);
                    break;
                default:
                    break;
            }

            await store.RemoveDeadlineAsync(deadline.TransferId, deadline.Kind, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>The caller left (or the call room ended): an active transfer on the call room ends as Abandoned.</summary>
    public async Task<TransferResult?> AbandonCallAsync(string callRoom, string reason, CancellationToken cancellationToken)
    {
        var active = await store.FindActiveByCallRoomAsync(callRoom, cancellationToken).ConfigureAwait(false);
        if (active is null)
        {
            return null;
        }

        LogAbandoned(logger, active.Id, callRoom);
        return await EndAsync(active.Id, TransferCommand.Abandon, TransferActor.System, reason, null, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>The handoff room went away under an active transfer (closed by someone, or emptied by LiveKit).</summary>
    public async Task<TransferResult?> FailForHandoffRoomAsync(string handoffRoom, string reason, CancellationToken cancellationToken)
    {
        var active = await store.FindActiveByHandoffRoomAsync(handoffRoom, cancellationToken).ConfigureAwait(false);
        return active is null || active.State == TransferState.Accepted
            ? null
            : await EndAsync(active.Id, TransferCommand.Fail, TransferActor.System, reason, null, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Someone joined a handoff room: if it is the transfer's Agent B, the join timer is disarmed.</summary>
    public async Task<bool> NoteJoinedHandoffAsync(string handoffRoom, string identity, CancellationToken cancellationToken)
    {
        var active = await store.FindActiveByHandoffRoomAsync(handoffRoom, cancellationToken).ConfigureAwait(false);
        if (active is null || active.ToAgent != identity || active.AgentJoinedAt is not null)
        {
            return false;
        }

        var marked = await store.MarkAgentJoinedAsync(active.Id, time.GetUtcNow(), cancellationToken).ConfigureAwait(false);
        if (marked)
        {
            LogAgentJoined(logger, active.Id);
        }

        return marked;
    }

    /// <summary>Whether <paramref name="identity"/> is in <paramref name="room"/>; false when the room is gone or LiveKit cannot say.</summary>
    private async Task<bool> IsInRoomAsync(string room, string identity, CancellationToken cancellationToken)
    {
        try
        {
            var participants = await liveKit.ListParticipantsAsync(room, cancellationToken).ConfigureAwait(false);
            return participants?.Any(p => p.Identity == identity) == true;
        }
        catch (LiveKitUnavailableException e)
        {
            LogPresenceCheckFailed(logger, room, e);
            return false;
        }
    }

    private static string Describe(TimeSpan span) =>
        span.TotalSeconds < 120
            ? string.Create(CultureInfo.InvariantCulture, $"{span.TotalSeconds:0.#} s")
            : string.Create(CultureInfo.InvariantCulture, $"{span.TotalMinutes:0.#} min");

    [LoggerMessage(Level = LogLevel.Information, Message = "Transfer {TransferId}: the caller left call room {CallRoom}")]
    private static partial void LogAbandoned(ILogger logger, string transferId, string callRoom);

    [LoggerMessage(Level = LogLevel.Information, Message = "Transfer {TransferId}: Agent B joined the handoff room")]
    private static partial void LogAgentJoined(ILogger logger, string transferId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not list the participants of room {Room}")]
    private static partial void LogPresenceCheckFailed(ILogger logger, string room, Exception exception);
}
