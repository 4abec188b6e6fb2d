namespace LiveKit.DevServer.Sctp;

/// <summary>Per-association SCTP counters; incremented under the association lock, readable from any thread.</summary>
internal sealed class SctpCounters
{
    private long _packetsReceived;
    private long _packetsSent;
    private long _malformedPacketsDropped;
    private long _malformedChunksDropped;
    private long _verificationTagMismatchesDropped;
    private long _unrecognizedChunks;
    private long _dataChunksReceived;
    private long _duplicateDataChunks;
    private long _dataChunksDroppedNoBuffer;
    private long _invalidStreamDataChunks;
    private long _dataChunksSent;
    private long _dataChunksRetransmitted;
    private long _dataChunksFastRetransmitted;
    private long _t3Expirations;
    private long _chunksAbandoned;
    private long _forwardTsnSent;
    private long _forwardTsnReceived;
    private long _sacksSent;
    private long _sacksReceived;
    private long _messagesSent;
    private long _messagesDelivered;
    private long _messagesDroppedOversize;
    private long _messagesAbandoned;
    private long _sendBufferFullRejections;
    private long _heartbeatsSent;
    private long _heartbeatAcksReceived;
    private long _streamResetsReceived;

    /// <summary>Packets handed to HandlePacket.</summary>
    public long PacketsReceived => Volatile.Read(ref _packetsReceived);

    /// <summary>Packets passed to the lower layer.</summary>
    public long PacketsSent => Volatile.Read(ref _packetsSent);

    /// <summary>Packets with a bad CRC32c, a short header or broken chunk framing (RFC 4960 §6.8, §3.2).</summary>
    public long MalformedPacketsDropped => Volatile.Read(ref _malformedPacketsDropped);

    /// <summary>Chunks whose value does not parse (bad lengths, zero tags, empty DATA).</summary>
    public long MalformedChunksDropped => Volatile.Read(ref _malformedChunksDropped);

    /// <summary>Packets whose verification tag or ports are not ours (RFC 4960 §8.5).</summary>
    public long VerificationTagMismatchesDropped => Volatile.Read(ref _verificationTagMismatchesDropped);

    /// <summary>Chunks of unknown type (RFC 4960 §3.2 upper-bit rules).</summary>
    public long UnrecognizedChunks => Volatile.Read(ref _unrecognizedChunks);

    /// <summary>DATA chunks accepted (first copies).</summary>
    public long DataChunksReceived => Volatile.Read(ref _dataChunksReceived);

    /// <summary>DATA chunks already received (reported in SACK, RFC 4960 §6.2).</summary>
    public long DuplicateDataChunks => Volatile.Read(ref _duplicateDataChunks);

    /// <summary>DATA chunks dropped because the receive window was full or the TSN too far ahead.</summary>
    public long DataChunksDroppedNoBuffer => Volatile.Read(ref _dataChunksDroppedNoBuffer);

    /// <summary>DATA chunks on a stream beyond the negotiated count (RFC 4960 §6.5).</summary>
    public long InvalidStreamDataChunks => Volatile.Read(ref _invalidStreamDataChunks);

    /// <summary>DATA chunks sent for the first time.</summary>
    public long DataChunksSent => Volatile.Read(ref _dataChunksSent);

    /// <summary>DATA chunks retransmitted after T3-rtx expiry (RFC 4960 §6.3.3).</summary>
    public long DataChunksRetransmitted => Volatile.Read(ref _dataChunksRetransmitted);

    /// <summary>DATA chunks fast-retransmitted after three miss indications (RFC 4960 §7.2.4).</summary>
    public long DataChunksFastRetransmitted => Volatile.Read(ref _dataChunksFastRetransmitted);

    /// <summary>T3-rtx timer expirations.</summary>
    public long T3Expirations => Volatile.Read(ref _t3Expirations);

    /// <summary>DATA chunks abandoned under partial reliability (RFC 3758 §3.5).</summary>
    public long ChunksAbandoned => Volatile.Read(ref _chunksAbandoned);

    /// <summary>FORWARD TSN chunks sent.</summary>
    public long ForwardTsnSent => Volatile.Read(ref _forwardTsnSent);

    /// <summary>FORWARD TSN chunks received.</summary>
    public long ForwardTsnReceived => Volatile.Read(ref _forwardTsnReceived);

    /// <summary>SACK chunks sent.</summary>
    public long SacksSent => Volatile.Read(ref _sacksSent);

    /// <summary>SACK chunks received.</summary>
    public long SacksReceived => Volatile.Read(ref _sacksReceived);

    /// <summary>User messages queued for sending.</summary>
    public long MessagesSent => Volatile.Read(ref _messagesSent);

    /// <summary>User messages reassembled and delivered.</summary>
    public long MessagesDelivered => Volatile.Read(ref _messagesDelivered);

    /// <summary>Received messages above MaxMessageSize, discarded.</summary>
    public long MessagesDroppedOversize => Volatile.Read(ref _messagesDroppedOversize);

    /// <summary>User messages abandoned before full delivery (partial reliability).</summary>
    public long MessagesAbandoned => Volatile.Read(ref _messagesAbandoned);

    /// <summary>Sends refused because the send buffer was full.</summary>
    public long SendBufferFullRejections => Volatile.Read(ref _sendBufferFullRejections);

    /// <summary>HEARTBEAT chunks sent.</summary>
    public long HeartbeatsSent => Volatile.Read(ref _heartbeatsSent);

    /// <summary>HEARTBEAT ACK chunks received.</summary>
    public long HeartbeatAcksReceived => Volatile.Read(ref _heartbeatAcksReceived);

    /// <summary>Incoming stream resets performed (RFC 6525 §5.2.2).</summary>
    public long StreamResetsReceived => Volatile.Read(ref _streamResetsReceived);

    internal void AddPacketsReceived(long count = 1) => Interlocked.Add(ref _packetsReceived, count);

    internal void AddPacketsSent(long count = 1) => Interlocked.Add(ref _packetsSent, count);

    internal void AddMalformedPacketsDropped(long count = 1) => Interlocked.Add(ref _malformedPacketsDropped, count);

    internal void AddMalformedChunksDropped(long count = 1) => Interlocked.Add(ref _malformedChunksDropped, count);

    internal void AddVerificationTagMismatchesDropped(long count = 1) => Interlocked.Add(ref _verificationTagMismatchesDropped, count);

    internal void AddUnrecognizedChunks(long count = 1) => Interlocked.Add(ref _unrecognizedChunks, count);

    internal void AddDataChunksReceived(long count = 1) => Interlocked.Add(ref _dataChunksReceived, count);

    internal void AddDuplicateDataChunks(long count = 1) => Interlocked.Add(ref _duplicateDataChunks, count);

    internal void AddDataChunksDroppedNoBuffer(long count = 1) => Interlocked.Add(ref _dataChunksDroppedNoBuffer, count);

    internal void AddInvalidStreamDataChunks(long count = 1) => Interlocked.Add(ref _invalidStreamDataChunks, count);

    internal void AddDataChunksSent(long count = 1) => Interlocked.Add(ref _dataChunksSent, count);

    internal void AddDataChunksRetransmitted(long count = 1) => Interlocked.Add(ref _dataChunksRetransmitted, count);

    internal void AddDataChunksFastRetransmitted(long count = 1) => Interlocked.Add(ref _dataChunksFastRetransmitted, count);

    internal void AddT3Expirations(long count = 1) => Interlocked.Add(ref _t3Expirations, count);

    internal void AddChunksAbandoned(long count = 1) => Interlocked.Add(ref _chunksAbandoned, count);

    internal void AddForwardTsnSent(long count = 1) => Interlocked.Add(ref _forwardTsnSent, count);

    internal void AddForwardTsnReceived(long count = 1) => Interlocked.Add(ref _forwardTsnReceived, count);

    internal void AddSacksSent(long count = 1) => Interlocked.Add(ref _sacksSent, count);

    internal void AddSacksReceived(long count = 1) => Interlocked.Add(ref _sacksReceived, count);

    internal void AddMessagesSent(long count = 1) => Interlocked.Add(ref _messagesSent, count);

    internal void AddMessagesDelivered(long count = 1) => Interlocked.Add(ref _messagesDelivered, count);

    internal void AddMessagesDroppedOversize(long count = 1) => Interlocked.Add(ref _messagesDroppedOversize, count);

    internal void AddMessagesAbandoned(long count = 1) => Interlocked.Add(ref _messagesAbandoned, count);

    internal void AddSendBufferFullRejections(long count = 1) => Interlocked.Add(ref _sendBufferFullRejections, count);

    internal void AddHeartbeatsSent(long count = 1) => Interlocked.Add(ref _heartbeatsSent, count);

    internal void AddHeartbeatAcksReceived(long count = 1) => Interlocked.Add(ref _heartbeatAcksReceived, count);

    internal void AddStreamResetsReceived(long count = 1) => Interlocked.Add(ref _streamResetsReceived, count);
}
