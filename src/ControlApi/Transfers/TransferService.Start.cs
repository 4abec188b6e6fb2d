using System.Text.Json;
using WarmTransfer.ControlApi.LiveKit;
using WarmTransfer.ControlApi.Rooms;
using WarmTransfer.ControlApi.Validation;

namespace WarmTransfer.ControlApi.Transfers;

internal sealed partial class TransferService
{
    /// <summary>
    /// Starts a transfer: records it (Requested), creates the handoff room, dispatches the bot into it with
    /// <c>{"kind":"handoff",…}</c> metadata, and moves it to Briefing. A LiveKit failure ends it as Failed and
    /// returns <see cref="TransferError.LiveKitFailed"/> with the transfer.
    /// </summary>
    public async Task<TransferResult> StartAsync(StartTransfer request, TransferActor actor, CancellationToken cancellationToken)
    {
        if (!actor.IsAdmin && request.FromAgent != actor.Identity)
        {
            return TransferResult.Fail(TransferError.Forbidden, "An agent can only start transfers of their own calls ('fromAgent' must be you).");
        }

        var room = await rooms.GetAsync(request.CallRoom, cancellationToken).ConfigureAwait(false);
        if (room is null || !room.IsOpen || room.Kind != RoomKind.Call)
        {
            return TransferResult.Fail(TransferError.NotFound, $"There is no open call room '{request.CallRoom}'.");
        }

        if (!actor.IsAdmin && room.Agent != request.FromAgent)
        {
            return TransferResult.Fail(TransferError.Forbidden, $"You are not the agent of call room '{request.CallRoom}'.");
        }

        if (request.ToAgent == request.FromAgent)
        {
            return TransferResult.Fail(TransferError.Unprocessable, "'toAgent' must be another agent than 'fromAgent'.");
        }

        if (request.Origin != TransferOrigins.Seed && !directory.IsAgent(request.ToAgent))
        {
            return TransferResult.Fail(TransferError.Unprocessable, $"'{request.ToAgent}' is not a known agent.");
        }

        var now = time.GetUtcNow();
        var id = RandomIds.Transfer();
        var transfer = new Transfer
        {
            Id = id,
            CallRoom = request.CallRoom,
            HandoffRoom = RandomIds.HandoffRoom(id),
            FromAgent = request.FromAgent,
            ToAgent = request.ToAgent,
            Notes = string.IsNullOrWhiteSpace(request.Notes) ? null : request.Notes.Trim(),
            State = TransferState.Requested,
            Origin = request.Origin,
            CreatedBy = actor.Identity,
            CreatedAt = now,
            UpdatedAt = now,
            Version = 1,
        };
        var created = new TransferTransition(null, TransferState.Requested, now, actor.Identity, null);
        var deadlines = DeadlinesFor(transfer, TransferState.Requested, now);
        var inserted = await store.InsertAsync(transfer, created, deadlines, EventsFor(transfer, created), cancellationToken).ConfigureAwait(false);
        if (!inserted.Inserted)
        {
            return TransferResult.Fail(
                TransferError.Conflict,
                $"Call room '{request.CallRoom}' already has an active transfer ({inserted.ActiveTransferId}); finish or cancel it first.",
                await store.GetAsync(inserted.ActiveTransferId!, cancellationToken).ConfigureAwait(false));
        }

        WakeTimers(deadlines);
        LogStarted(logger, id, transfer.CallRoom, transfer.HandoffRoom);
        using (await locks.AcquireAsync(id, cancellationToken).ConfigureAwait(false))
        {
            await NotifyAsync(transfer).ConfigureAwait(false);
            var setupError = await SetUpHandoffAsync(transfer, cancellationToken).ConfigureAwait(false);
            if (setupError is not null)
            {
                var failed = await FailLockedAsync(id, $"could not set up the handoff: {setupError}", CancellationToken.None).ConfigureAwait(false);
                return TransferResult.Fail(TransferError.LiveKitFailed, $"The transfer failed because LiveKit refused or was unreachable: {setupError}", failed.Transfer ?? transfer);
            }

            var result = await ApplyAsync(id, TransferCommand.BeginBriefing, TransferActor.System, null, null, CancellationToken.None).ConfigureAwait(false);
            if (result.Succeeded)
            {
                await NotifyAsync(result.Transfer!).ConfigureAwait(false);
            }

            // A cancel can only be waiting for the lock we hold, so BeginBriefing normally applies; if a timer or an
            // abandon got there first, the transfer as it now stands is the answer.
            return result.Succeeded ? result : TransferResult.Ok((await store.GetAsync(id, CancellationToken.None).ConfigureAwait(false))!);
        }
    }

    /// <summary>Creates the handoff room, records it, dispatches the bot. Returns null on success, else what failed.</summary>
    private async Task<string?> SetUpHandoffAsync(Transfer transfer, CancellationToken cancellationToken)
    {
        var metadata = JsonSerializer.Serialize(
            new HandoffDispatch("handoff", transfer.Id, transfer.CallRoom, transfer.HandoffRoom),
            json.Value.SerializerOptions);
        try
        {
            await liveKit.CreateRoomAsync(transfer.HandoffRoom, RoomMetadata.Handoff(transfer.Id), options.Value.HandoffRoomEmptyTimeout, cancellationToken).ConfigureAwait(false);
            await rooms.TryCreateAsync(
                new RoomRecord
                {
                    Name = transfer.HandoffRoom,
                    Kind = RoomKind.Handoff,
                    TransferId = transfer.Id,
                    CreatedBy = transfer.CreatedBy,
                    CreatedAt = time.GetUtcNow(),
                },
                cancellationToken).ConfigureAwait(false);
            await liveKit.CreateDispatchAsync(transfer.HandoffRoom, metadata, cancellationToken).ConfigureAwait(false);
            return null;
        }
        catch (LiveKitUnavailableException e)
        {
            LogSetupFailed(logger, transfer.Id, e);
            return e.Message;
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Transfer {TransferId} started from call room {CallRoom}; handoff room {HandoffRoom}")]
    private static partial void LogStarted(ILogger logger, string transferId, string callRoom, string handoffRoom);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Transfer {TransferId}: setting up the handoff room failed")]
    private static partial void LogSetupFailed(ILogger logger, string transferId, Exception exception);
}
