using WarmTransfer.ControlApi.Auth;
using WarmTransfer.ControlApi.Rooms;
using WarmTransfer.ControlApi.Transcripts;
using WarmTransfer.ControlApi.Transfers;

namespace WarmTransfer.ControlApi.Webhooks;

/// <summary>
/// Acts on what LiveKit reports about our rooms: the caller hanging up abandons an active transfer; Agent B joining
/// the handoff room disarms the join timer; a room ending ends what depended on it.
/// </summary>
internal sealed partial class RoomEventHandler(
    IRoomStore rooms,
    TransferService transfers,
    ITranscriptStore transcripts,
    AgentDirectory directory,
    TimeProvider time,
    ILogger<RoomEventHandler> logger)
{
    public const string ParticipantJoined = "participant_joined";
    public const string ParticipantLeft = "participant_left";
    public const string RoomFinished = "room_finished";

    public async Task HandleAsync(RoomEvent roomEvent, CancellationToken cancellationToken)
    {
        var room = await rooms.GetAsync(roomEvent.Room, cancellationToken).ConfigureAwait(false);
        if (room is null)
        {
            return;
        }

        LogEvent(logger, roomEvent.Event, roomEvent.Room);
        switch (roomEvent.Event, room.Kind)
        {
            case (ParticipantJoined, RoomKind.Handoff) when roomEvent.Identity is not null:
                await transfers.NoteJoinedHandoffAsync(room.Name, roomEvent.Identity, cancellationToken).ConfigureAwait(false);
                break;
            case (ParticipantJoined, RoomKind.Call) when room.Caller is null && IsCallerCandidate(roomEvent):
                await rooms.TrySetCallerAsync(room.Name, roomEvent.Identity!, cancellationToken).ConfigureAwait(false);
                break;
            case (ParticipantLeft, RoomKind.Call) when IsTheCaller(roomEvent, room):
                await transfers.AbandonCallAsync(room.Name, "the caller hung up", cancellationToken).ConfigureAwait(false);
                break;
            case (RoomFinished, RoomKind.Call):
                await transfers.AbandonCallAsync(room.Name, "the call room ended", cancellationToken).ConfigureAwait(false);
                await rooms.CloseAsync(room.Name, time.GetUtcNow(), cancellationToken).ConfigureAwait(false);
                await transcripts.ForgetUnlessTransferredAsync(room.Name, cancellationToken).ConfigureAwait(false);
                break;
            case (RoomFinished, RoomKind.Handoff):
                await transfers.FailForHandoffRoomAsync(room.Name, "the handoff room ended", cancellationToken).ConfigureAwait(false);
                await rooms.CloseAsync(room.Name, time.GetUtcNow(), cancellationToken).ConfigureAwait(false);
                break;
            default:
                break;
        }
    }

    private bool IsCallerCandidate(RoomEvent roomEvent) =>
        roomEvent.Identity is not null && !roomEvent.ParticipantIsAgent && !directory.IsAgent(roomEvent.Identity);

    private bool IsTheCaller(RoomEvent roomEvent, RoomRecord room) =>
        room.Caller is not null ? roomEvent.Identity == room.Caller : IsCallerCandidate(roomEvent);

    [LoggerMessage(Level = LogLevel.Debug, Message = "LiveKit event {Event} in room {Room}")]
    private static partial void LogEvent(ILogger logger, string @event, string room);
}
