using System.Buffers;
using System.Buffers.Binary;

namespace LiveKit.DevServer.Sctp;

/// <summary>
/// Data transmission: fragmentation (RFC 4960 §6.9), SACK processing (§6.2.1), retransmission on T3-rtx (§6.3),
/// fast retransmit (§7.2.4), congestion control (§7.2) and partial reliability with FORWARD TSN (RFC 3758 §3.5).
/// </summary>
internal sealed partial class SctpAssociation
{
    private readonly Queue<SctpOutboundChunk> _pending = new();
    private readonly List<SctpOutboundChunk> _inflight = [];
    private readonly Dictionary<ushort, ushort> _nextStreamSequence = [];
    private uint _nextTsn;
    private uint _peerCumulativeAck;
    private uint _advancedPeerAckPoint;
    private long _bufferedAmount;
    private int _flightSize;
    private int _cwnd;
    private int _ssthresh;
    private int _partialBytesAcked;
    private uint _peerRwnd;
    private bool _inFastRecovery;
    private uint _fastRecoveryExitPoint;
    private uint? _rttTsn;
    private long _rttStart;
    private int _errorCount;
    private bool _forwardTsnPending;

    /// <summary>§7.2.1: min(4*MTU, max(2*MTU, 4380 bytes)).</summary>
    private int InitialCwnd => Math.Min(4 * _options.MaxPacketSize, Math.Max(2 * _options.MaxPacketSize, 4380));

    private int MaxFragmentSize => _options.MaxPacketSize - SctpCommonHeader.Size - SctpDataChunk.HeaderSize;

    private bool CanSendData => _state is SctpAssociationState.Established or SctpAssociationState.ShutdownPending
        or SctpAssociationState.ShutdownReceived;

    /// <summary>
    /// Queues one user message, fragmenting it to the packet size. Messages queued while the association is being
    /// set up go out once it is established. Never blocks; the payload is copied.
    /// </summary>
    public SctpSendStatus SendMessage(ushort streamId, uint ppid, ReadOnlySpan<byte> payload, SctpSendOptions options)
    {
        SctpSendStatus status;
        lock (_lock)
        {
            status = Enqueue(streamId, ppid, payload, options);
        }

        DispatchEvents();
        return status;
    }

    private SctpSendStatus Enqueue(ushort streamId, uint ppid, ReadOnlySpan<byte> payload, SctpSendOptions options)
    {
        bool connecting = _state is SctpAssociationState.CookieWait or SctpAssociationState.CookieEchoed;
        if (_terminated || (_state != SctpAssociationState.Established && !connecting))
        {
            return SctpSendStatus.NotConnected;
        }

        if (payload.IsEmpty || payload.Length > _options.MaxMessageSize)
        {
            return SctpSendStatus.InvalidSize;
        }

        if (streamId >= (connecting ? _options.OutboundStreams : _outboundStreamCount))
        {
            return SctpSendStatus.InvalidStream;
        }

        if (_bufferedAmount + payload.Length > _options.MaxSendBufferBytes)
        {
            Counters.AddSendBufferFullRejections();
            return SctpSendStatus.BufferFull;
        }

        int fragmentSize = MaxFragmentSize;
        int fragments = (payload.Length + fragmentSize - 1) / fragmentSize;
        var message = new SctpOutboundMessage(streamId, ppid, payload, options, _time.GetTimestamp(), fragments);
        for (int i = 0, offset = 0; i < fragments; i++, offset += fragmentSize)
        {
            int length = Math.Min(fragmentSize, payload.Length - offset);
            _pending.Enqueue(new SctpOutboundChunk(message, offset, length, i == 0, i == fragments - 1));
        }

        _bufferedAmount += payload.Length;
        Counters.AddMessagesSent();
        if (!connecting)
        {
            SendPendingData();
        }

        return SctpSendStatus.Queued;
    }

    private void InitializeSendState(uint localInitialTsn)
    {
        _localInitialTsn = localInitialTsn;
        _nextTsn = localInitialTsn;
        _peerCumulativeAck = localInitialTsn - 1;
        _advancedPeerAckPoint = localInitialTsn - 1;
        _reconfigRequestSequence = localInitialTsn;
    }

    /// <summary>After each input or timer: SACK (and data, if any) then the slower procedures.</summary>
    private void FlushOutput()
    {
        if (CanSendData)
        {
            SendPendingData();
        }
        else if (_sackNeeded && _peerTag != 0)
        {
            _writer.Begin(_options.LocalPort, _options.RemotePort, _peerTag);
            TryAppendSack();
            FlushPacket();
        }

        PerformDeferredIncomingReset();
        TrySendReconfigRequest();
        TryProgressShutdown();
    }

    /// <summary>
    /// Builds and sends packets: a pending SACK and FORWARD TSN first, then retransmissions, then new data, within
    /// the congestion window (§7.2) and the peer's receive window (§6.1 A/B, with one probe when nothing is in flight).
    /// </summary>
    private void SendPendingData()
    {
        if (_peerTag == 0)
        {
            return;
        }

        long now = _time.GetTimestamp();
        _writer.Begin(_options.LocalPort, _options.RemotePort, _peerTag);
        if (_sackNeeded)
        {
            TryAppendSack();
        }

        if (_forwardTsnPending)
        {
            TryAppendForwardTsn();
        }

        if (!CanSendData)
        {
            FlushPacket();
            return;
        }

        bool windowFull = false;
        foreach (SctpOutboundChunk chunk in _inflight)
        {
            if (!chunk.NeedsRetransmit || chunk.Abandoned)
            {
                continue;
            }

            if (ShouldAbandon(chunk, now))
            {
                Abandon(chunk.Message);
                continue;
            }

            if (_flightSize > 0 && _flightSize + chunk.WireSize > _cwnd)
            {
                windowFull = true;
                break;
            }

            AppendData(chunk);
            chunk.NeedsRetransmit = false;
            chunk.TransmitCount++;
            chunk.InFlight = true;
            _flightSize += chunk.WireSize;
            Counters.AddDataChunksRetransmitted();
        }

        while (!windowFull && _pending.TryPeek(out SctpOutboundChunk? chunk))
        {
            if (chunk.Abandoned)
            {
                DropPending();
                continue;
            }

            if (chunk.Beginning && IsExpired(chunk.Message, now))
            {
                Abandon(chunk.Message);
                continue;
            }

            if (_flightSize > 0 && (_flightSize + chunk.WireSize > _cwnd || chunk.WireSize > _peerRwnd))
            {
                break;
            }

            _pending.Dequeue();
            chunk.Tsn = _nextTsn++;
            if (chunk.Beginning && !chunk.Message.Options.Unordered)
            {
                // The SSN is taken when the message first goes out, so an ordered message abandoned before
                // being sent leaves no hole in the stream (RFC 3758 §3.5 with §6.5).
                _nextStreamSequence.TryGetValue(chunk.Message.StreamId, out ushort ssn);
                chunk.Message.StreamSequence = ssn;
                _nextStreamSequence[chunk.Message.StreamId] = (ushort)(ssn + 1);
            }

            AppendData(chunk);
            chunk.TransmitCount = 1;
            chunk.InFlight = true;
            _flightSize += chunk.WireSize;
            _peerRwnd = (uint)Math.Max(0, (long)_peerRwnd - chunk.WireSize);
            _inflight.Add(chunk);
            Counters.AddDataChunksSent();
            if (_rttTsn is null)
            {
                _rttTsn = chunk.Tsn;
                _rttStart = now;
            }
        }

        FlushPacket();
        if (!_t3.IsRunning && HasOutstandingWork())
        {
            _t3.Start(_rto.Rto);
        }
    }

    private void AppendData(SctpOutboundChunk chunk)
    {
        int valueLength = SctpDataChunk.HeaderSize - SctpChunk.HeaderSize + chunk.Length;
        if (!_writer.TryAddChunk(SctpChunkType.Data, chunk.Flags, valueLength, out Span<byte> value))
        {
            FlushPacket();
            _writer.Begin(_options.LocalPort, _options.RemotePort, _peerTag);
            _writer.TryAddChunk(SctpChunkType.Data, chunk.Flags, valueLength, out value);
        }

        SctpDataChunk.WriteFields(value, chunk.Tsn, chunk.Message.StreamId,
            chunk.Message.Options.Unordered ? (ushort)0 : chunk.Message.StreamSequence, chunk.Message.Ppid);
        chunk.Message.Slice(chunk.Offset, chunk.Length).CopyTo(value[12..]);
    }

    private void DropPending()
    {
        SctpOutboundChunk chunk = _pending.Dequeue();
        _bufferedAmount -= chunk.Length;
        Counters.AddChunksAbandoned();
        chunk.Message.ReleaseFragment();
    }

    /// <summary>Outstanding data or an unacknowledged FORWARD TSN keeps T3-rtx running (§6.3.2 R1, RFC 3758 C3).</summary>
    private bool HasOutstandingWork()
    {
        if (SctpSerial.IsAfter(_advancedPeerAckPoint, _peerCumulativeAck))
        {
            return true;
        }

        foreach (SctpOutboundChunk chunk in _inflight)
        {
            if (!chunk.GapAcked && !chunk.Abandoned)
            {
                return true;
            }
        }

        return false;
    }

    private bool IsExpired(SctpOutboundMessage message, long now) =>
        _peerForwardTsn && message.Options.Lifetime is TimeSpan lifetime
        && _time.GetElapsedTime(message.QueuedTimestamp, now) > lifetime;

    /// <summary>RFC 3758 §4 policies: retransmission count or lifetime exceeded (only if the peer takes FORWARD TSN).</summary>
    private bool ShouldAbandon(SctpOutboundChunk chunk, long now) =>
        _peerForwardTsn
        && ((chunk.Message.Options.MaxRetransmits is int max && chunk.TransmitCount > max) || IsExpired(chunk.Message, now));

    /// <summary>RFC 3758 §3.5 A3: abandon every fragment of the message, sent or not.</summary>
    private void Abandon(SctpOutboundMessage message)
    {
        if (message.Abandoned)
        {
            return;
        }

        message.Abandoned = true;
        Counters.AddMessagesAbandoned();
        foreach (SctpOutboundChunk chunk in _inflight)
        {
            if (chunk.Message != message)
            {
                continue;
            }

            Counters.AddChunksAbandoned();
            if (chunk.InFlight)
            {
                chunk.InFlight = false;
                _flightSize -= chunk.WireSize;
            }

            chunk.NeedsRetransmit = false;
        }

        AdvanceAckPoint();
    }

    /// <summary>RFC 3758 §3.5 C1/C2: move the Advanced.Peer.Ack.Point over abandoned chunks; a move means FORWARD TSN.</summary>
    private void AdvanceAckPoint()
    {
        if (SctpSerial.IsBefore(_advancedPeerAckPoint, _peerCumulativeAck))
        {
            _advancedPeerAckPoint = _peerCumulativeAck;
        }

        foreach (SctpOutboundChunk chunk in _inflight)
        {
            if (SctpSerial.IsBeforeOrEqual(chunk.Tsn, _advancedPeerAckPoint))
            {
                continue;
            }

            if (chunk.Tsn != _advancedPeerAckPoint + 1 || !chunk.Abandoned)
            {
                break;
            }

            _advancedPeerAckPoint = chunk.Tsn;
        }

        if (SctpSerial.IsAfter(_advancedPeerAckPoint, _peerCumulativeAck))
        {
            _forwardTsnPending = true;
        }
    }

    private void TryAppendForwardTsn()
    {
        // Ordered streams skipped: the highest abandoned SSN per stream up to the new cumulative TSN (§3.2).
        Span<uint> streams = stackalloc uint[Math.Min(64, Math.Max(0, (_writer.Remaining - 8) / 4))];
        int count = 0;
        foreach (SctpOutboundChunk chunk in _inflight)
        {
            if (SctpSerial.IsAfter(chunk.Tsn, _advancedPeerAckPoint))
            {
                break;
            }

            if (!chunk.Abandoned || chunk.Message.Options.Unordered)
            {
                continue;
            }

            uint entry = ((uint)chunk.Message.StreamId << 16) | chunk.Message.StreamSequence;
            int existing = -1;
            for (int i = 0; i < count; i++)
            {
                if (streams[i] >> 16 == chunk.Message.StreamId)
                {
                    existing = i;
                }
            }

            if (existing >= 0)
            {
                streams[existing] = entry;
            }
            else if (count < streams.Length)
            {
                streams[count++] = entry;
            }
        }

        if (!_writer.TryAddChunk(SctpChunkType.ForwardTsn, 0, 4 + (4 * count), out Span<byte> value))
        {
            return;
        }

        BinaryPrimitives.WriteUInt32BigEndian(value, _advancedPeerAckPoint);
        for (int i = 0; i < count; i++)
        {
            BinaryPrimitives.WriteUInt32BigEndian(value[(4 + (4 * i))..], streams[i]);
        }

        _forwardTsnPending = false;
        Counters.AddForwardTsnSent();
    }

    /// <summary>§6.2.1 processing of a SACK, then congestion control (§7.2.1-7.2.2) and fast retransmit (§7.2.4).</summary>
    private void HandleSack(in SctpChunk chunk)
    {
        if (_state is SctpAssociationState.Closed or SctpAssociationState.CookieWait or SctpAssociationState.CookieEchoed)
        {
            return;
        }

        if (SctpSackChunk.TryParse(chunk.Value, out SctpSackChunk sack) != OperationStatus.Done
            || SctpSerial.IsAfter(sack.CumulativeTsnAck, _nextTsn - 1))
        {
            Counters.AddMalformedChunksDropped();
            return;
        }

        Counters.AddSacksReceived();
        uint cumulative = sack.CumulativeTsnAck;
        if (SctpSerial.IsBefore(cumulative, _peerCumulativeAck))
        {
            return; // §6.2.1 D i: older than what we know.
        }

        long now = _time.GetTimestamp();
        bool advanced = SctpSerial.IsAfter(cumulative, _peerCumulativeAck);
        int newlyAcked = AcknowledgeUpTo(cumulative, now);
        _peerCumulativeAck = cumulative;

        uint highestGapAcked = cumulative;
        for (int i = 0; i < sack.GapBlockCount; i++)
        {
            (ushort start, ushort end) = sack.GetGapBlock(i);
            for (uint tsn = cumulative + start; SctpSerial.IsBeforeOrEqual(tsn, cumulative + end); tsn++)
            {
                SctpOutboundChunk? acked = FindInflight(tsn);
                if (acked is null || acked.GapAcked)
                {
                    continue;
                }

                acked.GapAcked = true;
                acked.NeedsRetransmit = false;
                if (acked.InFlight)
                {
                    acked.InFlight = false;
                    _flightSize -= acked.WireSize;
                }

                if (!acked.Abandoned)
                {
                    newlyAcked += acked.WireSize;
                }

                MeasureRtt(acked, now);
                if (SctpSerial.IsAfter(tsn, highestGapAcked))
                {
                    highestGapAcked = tsn;
                }
            }
        }

        // §6.2.1 D iv: the peer's window minus what is still in flight.
        _peerRwnd = (uint)Math.Max(0, (long)sack.AdvertisedReceiverWindow - _flightSize);

        if (newlyAcked > 0)
        {
            _errorCount = 0;
        }

        if (advanced && newlyAcked > 0)
        {
            if (_inFastRecovery && SctpSerial.IsBeforeOrEqual(_fastRecoveryExitPoint, cumulative))
            {
                _inFastRecovery = false;
            }

            if (_cwnd <= _ssthresh)
            {
                _cwnd += Math.Min(newlyAcked, _options.MaxPacketSize); // §7.2.1 slow start
            }
            else
            {
                _partialBytesAcked += newlyAcked; // §7.2.2 congestion avoidance
                if (_partialBytesAcked >= _cwnd)
                {
                    _partialBytesAcked -= _cwnd;
                    _cwnd += _options.MaxPacketSize;
                }
            }
        }

        MarkFastRetransmits(highestGapAcked, now);

        // §6.3.2 R2/R3: stop T3 when all is acknowledged, restart it when the earliest outstanding TSN moved.
        if (!HasOutstandingWork())
        {
            _t3.Stop();
        }
        else if (advanced)
        {
            _t3.Start(_rto.Rto);
        }

        AdvanceAckPoint();
        if (SctpSerial.IsAfter(_advancedPeerAckPoint, _peerCumulativeAck))
        {
            // RFC 3758 C5: the peer has not moved past the abandoned data yet; (re)send FORWARD TSN.
            _forwardTsnPending = true;
        }
    }

    /// <summary>Removes everything up to the cumulative TSN ack; returns newly acknowledged bytes.</summary>
    private int AcknowledgeUpTo(uint cumulative, long now)
    {
        int newlyAcked = 0;
        int removed = 0;
        foreach (SctpOutboundChunk chunk in _inflight)
        {
            if (SctpSerial.IsAfter(chunk.Tsn, cumulative))
            {
                break;
            }

            removed++;
            if (chunk.InFlight)
            {
                chunk.InFlight = false;
                _flightSize -= chunk.WireSize;
            }

            if (!chunk.GapAcked && !chunk.Abandoned)
            {
                newlyAcked += chunk.WireSize;
                MeasureRtt(chunk, now);
            }

            _bufferedAmount -= chunk.Length;
            chunk.Message.ReleaseFragment();
        }

        _inflight.RemoveRange(0, removed);
        if (_rttTsn is uint pending && SctpSerial.IsBeforeOrEqual(pending, cumulative))
        {
            _rttTsn = null;
        }

        return newlyAcked;
    }

    private SctpOutboundChunk? FindInflight(uint tsn)
    {
        // TSNs in the list are consecutive (assigned in order, removed only from the front).
        if (_inflight.Count == 0)
        {
            return null;
        }

        uint index = tsn - _inflight[0].Tsn;
        return index < (uint)_inflight.Count ? _inflight[(int)index] : null;
    }

    /// <summary>§6.3.1 C4/C5 with Karn's algorithm: one sample per round trip, never from a retransmitted chunk.</summary>
    private void MeasureRtt(SctpOutboundChunk chunk, long now)
    {
        if (_rttTsn == chunk.Tsn)
        {
            if (chunk.TransmitCount == 1)
            {
                _rto.OnMeasurement(_time.GetElapsedTime(_rttStart, now));
            }

            _rttTsn = null;
        }
    }

    /// <summary>
    /// §7.2.4: a chunk reported missing by three SACKs (a higher TSN was acknowledged each time) is retransmitted
    /// at once, and the window halves on entering fast recovery.
    /// </summary>
    private void MarkFastRetransmits(uint highestGapAcked, long now)
    {
        bool any = false;
        foreach (SctpOutboundChunk chunk in _inflight)
        {
            if (!SctpSerial.IsBefore(chunk.Tsn, highestGapAcked))
            {
                break;
            }

            if (chunk.GapAcked || chunk.Abandoned || chunk.NeedsRetransmit || chunk.FastRetransmitted)
            {
                continue;
            }

            if (++chunk.MissIndications < 3)
            {
                continue;
            }

            if (ShouldAbandon(chunk, now))
            {
                Abandon(chunk.Message);
                continue;
            }

            chunk.FastRetransmitted = true;
            chunk.NeedsRetransmit = true;
            if (chunk.InFlight)
            {
                chunk.InFlight = false;
                _flightSize -= chunk.WireSize;
            }

            Counters.AddDataChunksFastRetransmitted();
            any = true;
        }

        if (any && !_inFastRecovery)
        {
            _inFastRecovery = true;
            _fastRecoveryExitPoint = _nextTsn - 1;
            _ssthresh = Math.Max(_cwnd / 2, 4 * _options.MaxPacketSize);
            _cwnd = _ssthresh;
            _partialBytesAcked = 0;
        }
    }

    /// <summary>§6.3.3: back off, shrink the window to one packet, mark unacknowledged data for retransmission
    /// (or abandon it under its partial-reliability policy), and count the error towards Association.Max.Retrans.</summary>
    private void OnT3Expired()
    {
        if (!HasOutstandingWork())
        {
            return;
        }

        Counters.AddT3Expirations();
        if (++_errorCount > _options.MaxRetransmissions)
        {
            EnterClosed("retransmission limit reached (Association.Max.Retrans)");
            return;
        }

        _ssthresh = Math.Max(_cwnd / 2, 4 * _options.MaxPacketSize);
        _cwnd = _options.MaxPacketSize;
        _partialBytesAcked = 0;
        _inFastRecovery = false;
        _rto.BackOff();
        _rttTsn = null;

        long now = _time.GetTimestamp();
        foreach (SctpOutboundChunk chunk in _inflight)
        {
            if (chunk.GapAcked || chunk.Abandoned)
            {
                continue;
            }

            if (ShouldAbandon(chunk, now))
            {
                Abandon(chunk.Message);
                continue;
            }

            chunk.NeedsRetransmit = true;
            if (chunk.InFlight)
            {
                chunk.InFlight = false;
                _flightSize -= chunk.WireSize;
            }
        }

        AdvanceAckPoint();
        if (SctpSerial.IsAfter(_advancedPeerAckPoint, _peerCumulativeAck))
        {
            _forwardTsnPending = true;
        }

        SendPendingData();
        _t3.Start(_rto.Rto);
    }

    private void ReleaseSendBuffers()
    {
        foreach (SctpOutboundChunk chunk in _inflight)
        {
            chunk.Message.ReleaseFragment();
        }

        _inflight.Clear();
        while (_pending.TryDequeue(out SctpOutboundChunk? chunk))
        {
            chunk.Message.ReleaseFragment();
        }

        _bufferedAmount = 0;
        _flightSize = 0;
    }
}
