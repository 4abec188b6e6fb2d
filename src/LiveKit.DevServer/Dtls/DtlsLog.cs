using Microsoft.Extensions.Logging;

namespace LiveKit.DevServer.Dtls;

/// <summary>Log messages of the DTLS layer. Never logs keys or application data.</summary>
internal static partial class DtlsLog
{
    [LoggerMessage(EventId = 4100, Level = LogLevel.Debug, Message = "DTLS {Role} handshake started")]
    public static partial void HandshakeStarted(ILogger logger, DtlsRole role);

    [LoggerMessage(EventId = 4101, Level = LogLevel.Information,
        Message = "DTLS {Role} handshake complete: cipher suite 0x{CipherSuite:X4}, SRTP profile {Profile}")]
    public static partial void HandshakeCompleted(ILogger logger, DtlsRole role, int cipherSuite, SrtpProfile? profile);

    [LoggerMessage(EventId = 4102, Level = LogLevel.Warning, Message = "DTLS {Role} handshake failed: {Failure}")]
    public static partial void HandshakeFailed(ILogger logger, DtlsRole role, DtlsHandshakeFailure failure, Exception? exception);

    [LoggerMessage(EventId = 4103, Level = LogLevel.Debug, Message = "DTLS {Role} received alert level {Level} description {Description} (RFC 5246 §7.2 codes)")]
    public static partial void AlertReceived(ILogger logger, DtlsRole role, short level, short description);

    [LoggerMessage(EventId = 4104, Level = LogLevel.Debug, Message = "DTLS {Role} raised alert level {Level} description {Description}: {Detail}")]
    public static partial void AlertRaised(ILogger logger, DtlsRole role, short level, short description, string? detail);

    [LoggerMessage(EventId = 4105, Level = LogLevel.Debug, Message = "DTLS {Role} connection ended in state {State}")]
    public static partial void ConnectionEnded(ILogger logger, DtlsRole role, DtlsState state, Exception? exception);

    [LoggerMessage(EventId = 4106, Level = LogLevel.Debug, Message = "DTLS {Role} dropped a malformed datagram of {Length} bytes")]
    public static partial void MalformedDatagram(ILogger logger, DtlsRole role, int length);

    [LoggerMessage(EventId = 4107, Level = LogLevel.Error, Message = "DTLS {Role} application-data handler threw")]
    public static partial void HandlerFailed(ILogger logger, DtlsRole role, Exception exception);

    [LoggerMessage(EventId = 4108, Level = LogLevel.Warning, Message = "DTLS {Role} worker did not stop within {Timeout}")]
    public static partial void WorkerDidNotStop(ILogger logger, DtlsRole role, TimeSpan timeout);
}
