using System.Net;
using Microsoft.Extensions.Logging;

namespace LiveKit.DevServer.Transport;

/// <summary>Log messages of the media transport; never logs keys, credentials or media.</summary>
internal static partial class MediaTransportLog
{
    [LoggerMessage(EventId = 4200, Level = LogLevel.Information, Message = "Media transport listening on udp {EndPoint}, advertising {Advertised}")]
    public static partial void Listening(ILogger logger, IPEndPoint endPoint, IPEndPoint advertised);

    [LoggerMessage(EventId = 4201, Level = LogLevel.Error, Message = "Media transport: handling a {Kind} datagram threw; the datagram was dropped")]
    public static partial void HandlerFault(ILogger logger, DatagramKind kind, Exception exception);

    [LoggerMessage(EventId = 4202, Level = LogLevel.Warning, Message = "Media transport: receive loop stopped by a socket error")]
    public static partial void ReceiveLoopFailed(ILogger logger, Exception exception);

    [LoggerMessage(EventId = 4203, Level = LogLevel.Debug, Message = "Peer connection {Id} state {State}")]
    public static partial void PeerStateChanged(ILogger logger, string id, PeerConnectionState state);

    [LoggerMessage(EventId = 4204, Level = LogLevel.Information, Message = "Peer connection {Id} SRTP keys in place ({Profile})")]
    public static partial void SrtpReady(ILogger logger, string id, Srtp.SrtpProtectionProfile profile);

    [LoggerMessage(EventId = 4205, Level = LogLevel.Warning, Message = "Peer connection {Id} DTLS failed; the connection fails")]
    public static partial void DtlsFailed(ILogger logger, string id, Exception? exception);

    [LoggerMessage(EventId = 4206, Level = LogLevel.Warning, Message = "Media transport refused a peer connection: {Count} are open, the limit")]
    public static partial void TooManyPeers(ILogger logger, int count);

    [LoggerMessage(EventId = 4207, Level = LogLevel.Error, Message = "Peer connection {Id}: an RTP or data handler threw")]
    public static partial void CallbackFault(ILogger logger, string id, Exception exception);
}
