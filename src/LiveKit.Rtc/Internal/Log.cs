using LiveKit.Rtc.Internal.Proto;
using Microsoft.Extensions.Logging;
using LogLevel = Microsoft.Extensions.Logging.LogLevel;

namespace LiveKit.Rtc.Internal;

/// <summary>Every log message of LiveKit.Rtc. Identities only at Trace; never tokens or audio.</summary>
internal static partial class Log
{
    [LoggerMessage(EventId = 1, Message = "[{Target}] {Message}")]
    public static partial void NativeLog(ILogger logger, LogLevel level, string target, string message);

    [LoggerMessage(EventId = 2, Level = LogLevel.Critical, Message = "The LiveKit core reported a panic: {Message}")]
    public static partial void NativePanic(ILogger logger, string message);

    [LoggerMessage(EventId = 3, Level = LogLevel.Error, Message = "A LiveKit core event of {Length} bytes could not be parsed")]
    public static partial void UnparsableEvent(ILogger logger, int length, Exception exception);

    [LoggerMessage(EventId = 4, Level = LogLevel.Debug, Message = "A {Kind} event had no receiver; its handles were dropped")]
    public static partial void UnroutedEvent(ILogger logger, FfiEvent.MessageOneofCase kind);

    [LoggerMessage(EventId = 5, Level = LogLevel.Error, Message = "Releasing the late result of a cancelled {Kind} request failed")]
    public static partial void OrphanHandlerFailed(ILogger logger, FfiRequest.MessageOneofCase kind, Exception exception);

    [LoggerMessage(EventId = 6, Level = LogLevel.Error, Message = "The LiveKit core callback failed while routing an event")]
    public static partial void CallbackFailed(ILogger logger, Exception exception);

    [LoggerMessage(EventId = 10, Level = LogLevel.Information, Message = "Connected to room {Room} ({RemoteCount} remote participants)")]
    public static partial void RoomConnected(ILogger logger, string room, int remoteCount);

    [LoggerMessage(EventId = 11, Level = LogLevel.Warning, Message = "Connecting to a room failed: {Reason}")]
    public static partial void RoomConnectFailed(ILogger logger, string reason);

    [LoggerMessage(EventId = 12, Level = LogLevel.Information, Message = "Disconnected from room {Room}: {Reason}")]
    public static partial void RoomDisconnected(ILogger logger, string room, DisconnectReason reason);

    [LoggerMessage(EventId = 13, Level = LogLevel.Warning, Message = "Room event queue of room {Room} is full; {Dropped} events were not delivered to ReadEventsAsync")]
    public static partial void RoomEventsDropped(ILogger logger, string room, long dropped);

    [LoggerMessage(EventId = 14, Level = LogLevel.Error, Message = "A {Event} handler of room {Room} threw")]
    public static partial void RoomEventHandlerFailed(ILogger logger, string @event, string room, Exception exception);

    [LoggerMessage(EventId = 15, Level = LogLevel.Trace, Message = "Participant {Identity} joined room {Room}")]
    public static partial void ParticipantJoined(ILogger logger, string identity, string room);

    [LoggerMessage(EventId = 16, Level = LogLevel.Trace, Message = "Participant {Identity} left room {Room}")]
    public static partial void ParticipantLeft(ILogger logger, string identity, string room);

    [LoggerMessage(EventId = 17, Level = LogLevel.Warning, Message = "Subscribing to track {TrackSid} failed: {Error}")]
    public static partial void TrackSubscriptionFailed(ILogger logger, string trackSid, string error);

    [LoggerMessage(EventId = 20, Level = LogLevel.Warning, Message = "Audio stream {Stream} dropped {Dropped} frames so far: its reader is not keeping up")]
    public static partial void AudioFramesDropped(ILogger logger, ulong stream, long dropped);
}
