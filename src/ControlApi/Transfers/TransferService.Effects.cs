using System.Text.Json;
using WarmTransfer.ControlApi.Events;
using WarmTransfer.ControlApi.LiveKit;

namespace WarmTransfer.ControlApi.Transfers;

internal sealed partial class TransferService
{
    /// <summary>
    /// Tells everyone about a transition: the agents' event streams (Agent B gets <c>transfer.incoming</c> when the
    /// transfer is created), and the <c>wt.transfer</c> data packet into the call room and, once it exists, the
    /// handoff room. Never throws: notifications are best effort, the state is already persisted.
    /// </summary>
    private async Task NotifyAsync(Transfer transfer)
    {
        var signal = Signal(transfer);
        if (transfer.State != TransferState.Requested)
        {
            await SignalAsync(transfer.HandoffRoom, transfer.Id, signal).ConfigureAwait(false);
        }

        await AnnounceAsync(transfer, signal).ConfigureAwait(false);
    }

    /// <summary>
    /// After a terminal transition: the handoff room hears it first (the bot there stops), then the rooms change (on
    /// completion Agent A leaves the call and B owns it; the handoff room is deleted), and only then the call room and
    /// the consoles are told, so whoever sees the final state sees the rooms already as they will stay.
    /// </summary>
    private async Task FinishAsync(Transfer transfer)
    {
        var signal = Signal(transfer);
        var seedHandover = transfer.State == TransferState.Completed && transfer.Origin == TransferOrigins.Seed;
        if (!seedHandover)
        {
            // Seed topology keeps the handoff room: the caller moved into it and it is now the call room.
            await SignalAsync(transfer.HandoffRoom, transfer.Id, signal).ConfigureAwait(false);
            if (transfer.State == TransferState.Completed)
            {
                await BestEffortAsync(transfer.Id, "remove Agent A from the call room", () => liveKit.RemoveParticipantAsync(transfer.CallRoom, transfer.FromAgent, CancellationToken.None)).ConfigureAwait(false);
            }

            await BestEffortAsync(transfer.Id, "delete the handoff room", () => liveKit.DeleteRoomAsync(transfer.HandoffRoom, CancellationToken.None)).ConfigureAwait(false);
            if (transfer.State == TransferState.Completed)
            {
                await rooms.HandOverAsync(transfer.CallRoom, transfer.ToAgent, transfer.HandoffRoom, time.GetUtcNow(), CancellationToken.None).ConfigureAwait(false);
            }
            else
            {
                await rooms.CloseAsync(transfer.HandoffRoom, time.GetUtcNow(), CancellationToken.None).ConfigureAwait(false);
            }
        }

        await AnnounceAsync(transfer, signal).ConfigureAwait(false);
    }

    /// <summary>
    /// The call room's <c>wt.transfer</c> packet, then the consoles: the transition's events were stored with it, so
    /// announcing is telling the agents' open streams to read them.
    /// </summary>
    private async Task AnnounceAsync(Transfer transfer, byte[] signal)
    {
        await SignalAsync(transfer.CallRoom, transfer.Id, signal).ConfigureAwait(false);
        events.Notify([transfer.FromAgent, transfer.ToAgent]);
    }

    private byte[] Signal(Transfer transfer) => JsonSerializer.SerializeToUtf8Bytes(
        new TransferSignal(transfer.Id, transfer.State.ToString(), transfer.HandoffRoom, transfer.Reason),
        json.Value.SerializerOptions);

    private Task SignalAsync(string room, string transferId, byte[] payload) =>
        BestEffortAsync(transferId, "send wt.transfer into " + room, async () =>
        {
            await liveKit.SendDataAsync(room, TransferSignal.Topic, payload, CancellationToken.None).ConfigureAwait(false);
            return true;
        });

    private async Task BestEffortAsync(string transferId, string what, Func<Task<bool>> action)
    {
        try
        {
            await action().ConfigureAwait(false);
        }
        catch (LiveKitUnavailableException e)
        {
            LogSideEffectFailed(logger, transferId, what, e);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Transfer {TransferId}: could not {What}")]
    private static partial void LogSideEffectFailed(ILogger logger, string transferId, string what, Exception exception);
}
