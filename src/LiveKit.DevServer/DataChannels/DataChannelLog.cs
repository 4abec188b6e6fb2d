using Microsoft.Extensions.Logging;

namespace LiveKit.DevServer.DataChannels;

/// <summary>Log messages of the data-channel layer. Labels are chosen by applications, so they go to Debug only.</summary>
internal static partial class DataChannelLog
{
    [LoggerMessage(EventId = 4300, Level = LogLevel.Debug, Message = "Data channel {Id} '{Label}' opened by {Opener}")]
    public static partial void Opened(ILogger logger, ushort id, string label, string opener);

    [LoggerMessage(EventId = 4301, Level = LogLevel.Debug, Message = "Data channel {Id} closed")]
    public static partial void Closed(ILogger logger, ushort id);

    [LoggerMessage(EventId = 4302, Level = LogLevel.Debug, Message = "DATA_CHANNEL_OPEN on stream {Id} rejected: {Reason}")]
    public static partial void OpenRejected(ILogger logger, ushort id, string reason);

    [LoggerMessage(EventId = 4304, Level = LogLevel.Debug, Message = "DATA_CHANNEL_OPEN on stream {Id} not sent: {Status}")]
    public static partial void OpenNotSent(ILogger logger, ushort id, LiveKit.DevServer.Sctp.SctpSendStatus status);

    [LoggerMessage(EventId = 4303, Level = LogLevel.Error, Message = "Data channel event handler threw")]
    public static partial void HandlerFailed(ILogger logger, Exception exception);
}
