using System.Text.Json;
using Microsoft.AspNetCore.Http.Json;
using Microsoft.Extensions.Options;
using WarmTransfer.ControlApi.LiveKit;
using WarmTransfer.ControlApi.Rooms;
using WarmTransfer.ControlApi.Transcripts;
using WarmTransfer.ControlApi.Transfers;

namespace WarmTransfer.ControlApi.Calls;

/// <summary>
/// Opens and closes call rooms. Opening records the room (which reserves the name), creates it on LiveKit and
/// dispatches the bot with <c>{"kind":"call","callRoom":"R"}</c>. A failed dispatch does not fail the call (the
/// caller and agent can still talk, without transcript); it is logged and reported.
/// </summary>
internal sealed partial class CallService(
    IRoomStore rooms,
    ILiveKitGateway liveKit,
    ITranscriptStore transcripts,
    TransferService transfers,
    IOptions<RoomOptions> options,
    IOptions<JsonOptions> json,
    TimeProvider time,
    ILogger<CallService> logger)
{
    public async Task<CallRoomOutcome> OpenAsync(string name, string createdBy, string? agent, string? caller, CancellationToken cancellationToken)
    {
        var record = new RoomRecord
        {
            Name = name,
            Kind = RoomKind.Call,
            Agent = agent,
            Caller = caller,
            CreatedBy = createdBy,
            CreatedAt = time.GetUtcNow(),
        };
        if (!await rooms.TryCreateAsync(record, cancellationToken).ConfigureAwait(false))
        {
            return CallRoomOutcome.Taken;
        }

        try
        {
            await liveKit.CreateRoomAsync(name, RoomMetadata.Call(), options.Value.CallRoomEmptyTimeout, cancellationToken).ConfigureAwait(false);
        }
        catch (LiveKitUnavailableException e)
        {
            await rooms.CloseAsync(name, time.GetUtcNow(), CancellationToken.None).ConfigureAwait(false);
            LogCreateFailed(logger, name, e);
            return CallRoomOutcome.Failed(e.Message);
        }

        var dispatched = true;
        try
        {
            var metadata = JsonSerializer.Serialize(new CallDispatch("call", name), json.Value.SerializerOptions);
            await liveKit.CreateDispatchAsync(name, metadata, cancellationToken).ConfigureAwait(false);
        }
        catch (LiveKitUnavailableException e)
        {
            dispatched = false;
            LogDispatchFailed(logger, name, e);
        }

        LogOpened(logger, name, dispatched);
        return CallRoomOutcome.Opened(record, dispatched);
    }

    /// <summary>
    /// Closes a room: deletes it on LiveKit, marks it closed, and ends what depended on it (a call room's active
    /// transfer is abandoned; a handoff room's briefing fails). False if the room was not open.
    /// </summary>
    public async Task<bool> CloseAsync(RoomRecord room, string by, CancellationToken cancellationToken)
    {
        // What depended on the room ends first, while the room still exists: the bot in it hears the final state,
        // and LiveKit's own "room finished" webhooks find nothing left to end.
        if (room.Kind == RoomKind.Call)
        {
            await transfers.AbandonCallAsync(room.Name, $"the call room was closed by {by}", cancellationToken).ConfigureAwait(false);
        }
        else
        {
            await transfers.FailForHandoffRoomAsync(room.Name, $"the handoff room was closed by {by}", cancellationToken).ConfigureAwait(false);
        }

        var closed = await rooms.CloseAsync(room.Name, time.GetUtcNow(), cancellationToken).ConfigureAwait(false);
        await liveKit.DeleteRoomAsync(room.Name, cancellationToken).ConfigureAwait(false);
        if (room.Kind == RoomKind.Call)
        {
            await transcripts.ForgetUnlessTransferredAsync(room.Name, cancellationToken).ConfigureAwait(false);
        }

        return closed;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Call room {Room} opened (bot dispatched: {Dispatched})")]
    private static partial void LogOpened(ILogger logger, string room, bool dispatched);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Creating call room {Room} on LiveKit failed")]
    private static partial void LogCreateFailed(ILogger logger, string room, Exception exception);

    [LoggerMessage(Level = LogLevel.Error, Message = "Dispatching the bot into call room {Room} failed; the call goes on without transcript")]
    private static partial void LogDispatchFailed(ILogger logger, string room, Exception exception);
}
