using WarmTransfer.ControlApi.Transfers;

namespace WarmTransfer.ControlApi.Rooms;

/// <summary>
/// Which rooms an agent is part of. A call room: the agent who owns the call (an unowned call is claimed by the
/// first agent who asks), and Agent B of its accepted transfer. A handoff room: the two agents of its active
/// transfer. Admins: any open room.
/// </summary>
internal sealed class RoomAccess(IRoomStore rooms, ITransferStore transfers)
{
    public async Task<RoomAccessResult> CheckAsync(string name, TransferActor actor, bool claimIfUnowned, CancellationToken cancellationToken)
    {
        var room = await rooms.GetAsync(name, cancellationToken).ConfigureAwait(false);
        if (room is null || !room.IsOpen)
        {
            return RoomAccessResult.Missing(name);
        }

        if (actor.IsAdmin)
        {
            return RoomAccessResult.Allow(room);
        }

        if (room.Kind == RoomKind.Handoff)
        {
            var transfer = room.TransferId is null ? null : await transfers.GetAsync(room.TransferId, cancellationToken).ConfigureAwait(false);
            return transfer is not null && TransferStateMachine.IsActive(transfer.State) && TransferService.CanView(transfer, actor)
                ? RoomAccessResult.Allow(room)
                : RoomAccessResult.Refuse($"You are not part of handoff room '{name}'.");
        }

        if (room.Agent == actor.Identity)
        {
            return RoomAccessResult.Allow(room);
        }

        var active = await transfers.FindActiveByCallRoomAsync(name, cancellationToken).ConfigureAwait(false);
        if (active is { State: TransferState.Accepted } && active.ToAgent == actor.Identity)
        {
            return RoomAccessResult.Allow(room);
        }

        if (room.Agent is null && claimIfUnowned && await rooms.TryClaimAsync(name, actor.Identity, cancellationToken).ConfigureAwait(false))
        {
            return RoomAccessResult.Allow(room with { Agent = actor.Identity }, claimed: true);
        }

        return RoomAccessResult.Refuse(room.Agent is null
            ? $"Call room '{name}' has no agent yet; request a token for it to take the call."
            : $"Call room '{name}' is handled by another agent.");
    }
}
