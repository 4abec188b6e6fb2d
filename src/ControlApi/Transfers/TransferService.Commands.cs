using WarmTransfer.ControlApi.LiveKit;
using WarmTransfer.ControlApi.Tokens;

namespace WarmTransfer.ControlApi.Transfers;

internal sealed partial class TransferService
{
    /// <summary>
    /// Agent B accepts: the transfer becomes Accepted and B is admitted to the call room, by MoveParticipant from the
    /// handoff room where the server supports it, otherwise with a fresh agent token for the call room.
    /// </summary>
    public async Task<TransferResult> AcceptAsync(string id, TransferActor actor, CancellationToken cancellationToken)
    {
        using (await locks.AcquireAsync(id, cancellationToken).ConfigureAwait(false))
        {
            var result = await ApplyAsync(id, TransferCommand.Accept, actor, null, t => OnlyTarget(t, actor, "accept"), cancellationToken).ConfigureAwait(false);
            if (!result.Succeeded)
            {
                return result;
            }

            var transfer = result.Transfer!;
            var admission = await AdmitToCallRoomAsync(transfer).ConfigureAwait(false);
            await NotifyAsync(transfer).ConfigureAwait(false);
            return TransferResult.Ok(transfer, admission);
        }
    }

    /// <summary>Agent B declines; the caller stays with Agent A, the handoff room goes.</summary>
    public async Task<TransferResult> DeclineAsync(string id, TransferActor actor, string? reason, CancellationToken cancellationToken) =>
        await EndAsync(id, TransferCommand.Decline, actor, reason ?? "declined by Agent B", t => OnlyTarget(t, actor, "decline"), cancellationToken).ConfigureAwait(false);

    /// <summary>Agent A (or an admin) withdraws the transfer before it is accepted.</summary>
    public async Task<TransferResult> CancelAsync(string id, TransferActor actor, string? reason, CancellationToken cancellationToken) =>
        await EndAsync(id, TransferCommand.Cancel, actor, reason ?? "cancelled by Agent A", t => OnlySource(t, actor, "cancel"), cancellationToken).ConfigureAwait(false);

    /// <summary>Ends an accepted transfer: Agent A leaves the call room, the handoff room is deleted, Agent B owns the call.</summary>
    public async Task<TransferResult> CompleteAsync(string id, TransferActor actor, CancellationToken cancellationToken) =>
        await EndAsync(id, TransferCommand.Complete, actor, null, t => EitherAgent(t, actor, "complete"), cancellationToken).ConfigureAwait(false);

    private async Task<TransferResult> EndAsync(
        string id,
        TransferCommand command,
        TransferActor actor,
        string? reason,
        Func<Transfer, TransferResult?>? authorize,
        CancellationToken cancellationToken)
    {
        using (await locks.AcquireAsync(id, cancellationToken).ConfigureAwait(false))
        {
            return await EndLockedAsync(id, command, actor, reason, authorize, cancellationToken).ConfigureAwait(false);
        }
    }

    private async Task<TransferResult> EndLockedAsync(
        string id,
        TransferCommand command,
        TransferActor actor,
        string? reason,
        Func<Transfer, TransferResult?>? authorize,
        CancellationToken cancellationToken)
    {
        var result = await ApplyAsync(id, command, actor, reason, authorize, cancellationToken).ConfigureAwait(false);
        if (result.Succeeded)
        {
            await FinishAsync(result.Transfer!).ConfigureAwait(false);
        }

        return result;
    }

    private Task<TransferResult> FailLockedAsync(string id, string reason, CancellationToken cancellationToken) =>
        EndLockedAsync(id, TransferCommand.Fail, TransferActor.System, reason, null, cancellationToken);

    private async Task<RoomAdmission> AdmitToCallRoomAsync(Transfer transfer)
    {
        var outcome = MoveOutcome.NotFound;
        try
        {
            outcome = await liveKit.MoveParticipantAsync(transfer.HandoffRoom, transfer.ToAgent, transfer.CallRoom, CancellationToken.None).ConfigureAwait(false);
        }
        catch (LiveKitUnavailableException e)
        {
            LogMoveFailed(logger, transfer.Id, e);
        }

        LogAdmission(logger, transfer.Id, outcome);
        if (outcome == MoveOutcome.Moved)
        {
            return new RoomAdmission(transfer.CallRoom, transfer.ToAgent, Moved: true, Token: null, tokens.BrowserUrl, ExpiresAt: null);
        }

        var token = tokens.Create(ParticipantRole.Agent, transfer.CallRoom, transfer.ToAgent, directory.Find(transfer.ToAgent)?.Name);
        return new RoomAdmission(transfer.CallRoom, transfer.ToAgent, Moved: false, token.Token, token.WsUrl, token.ExpiresAt);
    }

    private static TransferResult? OnlyTarget(Transfer transfer, TransferActor actor, string verb) =>
        actor.IsAdmin || transfer.ToAgent == actor.Identity ? null
        : TransferResult.Fail(TransferError.Forbidden, $"Only the receiving agent of transfer {transfer.Id} can {verb} it.");

    private static TransferResult? OnlySource(Transfer transfer, TransferActor actor, string verb) =>
        actor.IsAdmin || transfer.FromAgent == actor.Identity ? null
        : TransferResult.Fail(TransferError.Forbidden, $"Only the agent who started transfer {transfer.Id} can {verb} it.");

    private static TransferResult? EitherAgent(Transfer transfer, TransferActor actor, string verb) =>
        CanView(transfer, actor) ? null
        : TransferResult.Fail(TransferError.Forbidden, $"Only the two agents of transfer {transfer.Id} can {verb} it.");

    [LoggerMessage(Level = LogLevel.Warning, Message = "Transfer {TransferId}: MoveParticipant failed; issuing a fresh token instead")]
    private static partial void LogMoveFailed(ILogger logger, string transferId, Exception exception);

    [LoggerMessage(Level = LogLevel.Information, Message = "Transfer {TransferId}: Agent B admitted to the call room ({Outcome})")]
    private static partial void LogAdmission(ILogger logger, string transferId, MoveOutcome outcome);
}
