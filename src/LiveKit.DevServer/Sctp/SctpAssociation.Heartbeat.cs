using System.Buffers.Binary;

namespace LiveKit.DevServer.Sctp;

/// <summary>Path heartbeat (RFC 4960 §8.3): HEARTBEAT on each interval, RTT from the echoed timestamp, unanswered
/// heartbeats counting towards Association.Max.Retrans.</summary>
internal sealed partial class SctpAssociation
{
    private const int HeartbeatInfoSize = 4 + 8;
    private bool _heartbeatOutstanding;

    private void OnHeartbeatTimer()
    {
        if (_state is not (SctpAssociationState.Established or SctpAssociationState.ShutdownPending
            or SctpAssociationState.ShutdownReceived))
        {
            return;
        }

        if (_heartbeatOutstanding && ++_errorCount > _options.MaxRetransmissions)
        {
            EnterClosed("no HEARTBEAT ACK (Association.Max.Retrans)");
            return;
        }

        // Heartbeat Info parameter: our send timestamp, echoed back verbatim.
        Span<byte> value = stackalloc byte[HeartbeatInfoSize];
        BinaryPrimitives.WriteUInt16BigEndian(value, SctpParameterType.HeartbeatInfo);
        BinaryPrimitives.WriteUInt16BigEndian(value[2..], HeartbeatInfoSize);
        BinaryPrimitives.WriteInt64BigEndian(value[4..], _time.GetTimestamp());
        SendSingleChunk(SctpChunkType.Heartbeat, 0, value, _peerTag);
        Counters.AddHeartbeatsSent();
        _heartbeatOutstanding = true;
        _heartbeatTimer.Start(_options.HeartbeatInterval + _rto.Rto);
    }

    private void HandleHeartbeatAck(in SctpChunk chunk)
    {
        ReadOnlySpan<byte> value = chunk.Value;
        if (value.Length < HeartbeatInfoSize || BinaryPrimitives.ReadUInt16BigEndian(value) != SctpParameterType.HeartbeatInfo)
        {
            Counters.AddMalformedChunksDropped();
            return;
        }

        Counters.AddHeartbeatAcksReceived();
        long sent = BinaryPrimitives.ReadInt64BigEndian(value[4..]);
        long now = _time.GetTimestamp();
        if (_heartbeatOutstanding && sent <= now)
        {
            _rto.OnMeasurement(_time.GetElapsedTime(sent, now));
        }

        _heartbeatOutstanding = false;
        _errorCount = 0;
    }
}
