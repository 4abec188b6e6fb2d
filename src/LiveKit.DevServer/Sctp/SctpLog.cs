using Microsoft.Extensions.Logging;

namespace LiveKit.DevServer.Sctp;

/// <summary>Log messages of the SCTP layer. Never logs user data.</summary>
internal static partial class SctpLog
{
    [LoggerMessage(EventId = 4200, Level = LogLevel.Debug, Message = "SCTP association state {Previous} -> {State}")]
    public static partial void StateChanged(ILogger logger, SctpAssociationState previous, SctpAssociationState state);

    [LoggerMessage(EventId = 4201, Level = LogLevel.Information,
        Message = "SCTP association established: {OutboundStreams} outbound / {InboundStreams} inbound streams, FORWARD-TSN {ForwardTsn}, RE-CONFIG {Reconfig}")]
    public static partial void Established(ILogger logger, ushort outboundStreams, ushort inboundStreams, bool forwardTsn, bool reconfig);

    [LoggerMessage(EventId = 4202, Level = LogLevel.Information, Message = "SCTP association closed: {Reason}")]
    public static partial void Closed(ILogger logger, string reason);

    [LoggerMessage(EventId = 4203, Level = LogLevel.Debug, Message = "SCTP dropped a malformed packet of {Length} bytes")]
    public static partial void MalformedPacket(ILogger logger, int length);

    [LoggerMessage(EventId = 4204, Level = LogLevel.Debug, Message = "SCTP received ERROR cause {Cause}")]
    public static partial void ErrorReceived(ILogger logger, ushort cause);

    [LoggerMessage(EventId = 4205, Level = LogLevel.Error, Message = "SCTP event handler threw")]
    public static partial void HandlerFailed(ILogger logger, Exception exception);

    [LoggerMessage(EventId = 4206, Level = LogLevel.Debug, Message = "SCTP stream reset request {Sequence} answered with result {Result}")]
    public static partial void ReconfigResponse(ILogger logger, uint sequence, uint result);
}
