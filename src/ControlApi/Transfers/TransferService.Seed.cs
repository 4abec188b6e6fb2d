namespace WarmTransfer.ControlApi.Transfers;

internal sealed partial class TransferService
{
    /// <summary>
    /// The seed's "move caller" for a seed transfer: the caller is about to move into the transfer's new room, where
    /// Agent B already is. The transfer is accepted and completed at once (before the move, so the caller leaving the
    /// old room does not read as hanging up), and the new room becomes the call room, with this caller and Agent B.
    /// </summary>
    public async Task<TransferResult> HandOverSeedAsync(string id, string caller, TransferActor actor, CancellationToken cancellationToken)
    {
        using (await locks.AcquireAsync(id, cancellationToken).ConfigureAwait(false))
        {
            var accepted = await ApplyAsync(id, TransferCommand.Accept, actor, null, null, cancellationToken).ConfigureAwait(false);
            if (!accepted.Succeeded)
            {
                return accepted;
            }

            await NotifyAsync(accepted.Transfer!).ConfigureAwait(false);
            var completed = await ApplyAsync(id, TransferCommand.Complete, actor, "the caller moved to the new room", null, cancellationToken).ConfigureAwait(false);
            if (completed.Succeeded)
            {
                var transfer = completed.Transfer!;
                await rooms.PromoteToCallAsync(transfer.HandoffRoom, caller, transfer.ToAgent, CancellationToken.None).ConfigureAwait(false);
                await FinishAsync(transfer).ConfigureAwait(false);
            }

            return completed;
        }
    }
}
