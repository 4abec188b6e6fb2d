using System.Buffers;
using System.Buffers.Binary;

namespace LiveKit.DevServer.Sctp;

/// <summary>Packet input: validation, verification tags (RFC 4960 §8.5), DATA receipt and SACK generation (§6.2),
/// FORWARD TSN receipt (RFC 3758 §3.6), HEARTBEAT, ABORT and ERROR handling.</summary>
internal sealed partial class SctpAssociation
{
    private uint _peerCumulativeTsn;
    private readonly SortedSet<uint> _receivedAbove = new(SctpSerial.TsnComparer);
    private readonly List<uint> _duplicateTsns = [];
    private bool _sackNeeded;

    private void InitializeReceiveState(uint peerInitialTsn)
    {
        _peerCumulativeTsn = peerInitialTsn - 1;
        _peerNextReconfigSequence = peerInitialTsn;
        _receivedAbove.Clear();
        _duplicateTsns.Clear();
    }

    private void ProcessPacket(ReadOnlySpan<byte> packet)
    {
        Counters.AddPacketsReceived();
        if (SctpPacket.Validate(packet, out SctpCommonHeader header) != OperationStatus.Done)
        {
            Counters.AddMalformedPacketsDropped();
            SctpLog.MalformedPacket(_logger, packet.Length);
            return;
        }

        if (header.DestinationPort != _options.LocalPort || header.SourcePort != _options.RemotePort)
        {
            Counters.AddVerificationTagMismatchesDropped();
            return;
        }

        ReadOnlySpan<byte> chunks = packet[SctpCommonHeader.Size..];
        bool alone = true;
        bool first = true;
        while (!chunks.IsEmpty)
        {
            SctpChunk.TryRead(chunks, out SctpChunk chunk, out int consumed);
            chunks = chunks[consumed..];
            if (first)
            {
                alone = chunks.IsEmpty;
                first = false;
            }

            if (!AcceptsVerificationTag(header.VerificationTag, chunk))
            {
                Counters.AddVerificationTagMismatchesDropped();
                return;
            }

            if (!ProcessChunk(header.VerificationTag, chunk, alone) || _terminated)
            {
                break;
            }
        }

        if (!_terminated)
        {
            FlushOutput();
        }
    }

    /// <summary>RFC 4960 §8.5 and §8.5.1 rules for which verification tag each chunk type must carry.</summary>
    private bool AcceptsVerificationTag(uint tag, in SctpChunk chunk)
    {
        switch ((SctpChunkType)chunk.Type)
        {
            case SctpChunkType.Init:
                return tag == 0;
            case SctpChunkType.CookieEcho:
                // Checked against the cookie's own tag (§5.1.5).
                return true;
            case SctpChunkType.Abort:
            case SctpChunkType.ShutdownComplete:
                // §8.5.1 B/C: our tag, or the peer's tag reflected when the T bit is set.
                return _localTag != 0 && (tag == _localTag || ((chunk.Flags & 1) != 0 && tag == _peerTag));
            default:
                return _localTag != 0 && tag == _localTag;
        }
    }

    /// <returns>False to stop processing the rest of the packet.</returns>
    private bool ProcessChunk(uint verificationTag, in SctpChunk chunk, bool alone)
    {
        switch ((SctpChunkType)chunk.Type)
        {
            case SctpChunkType.Data:
                HandleData(chunk);
                return true;
            case SctpChunkType.Sack:
                HandleSack(chunk);
                return true;
            case SctpChunkType.Init:
                HandleInit(chunk, alone);
                return false;
            case SctpChunkType.InitAck:
                HandleInitAck(chunk);
                return false;
            case SctpChunkType.CookieEcho:
                return HandleCookieEcho(verificationTag, chunk);
            case SctpChunkType.CookieAck:
                HandleCookieAck();
                return true;
            case SctpChunkType.Heartbeat:
                HandleHeartbeat(chunk);
                return true;
            case SctpChunkType.HeartbeatAck:
                HandleHeartbeatAck(chunk);
                return true;
            case SctpChunkType.Abort:
                EnterClosed("ABORT received");
                return false;
            case SctpChunkType.Error:
                HandleError(chunk);
                return true;
            case SctpChunkType.Shutdown:
                HandleShutdown(chunk);
                return true;
            case SctpChunkType.ShutdownAck:
                HandleShutdownAck();
                return false;
            case SctpChunkType.ShutdownComplete:
                HandleShutdownComplete();
                return false;
            case SctpChunkType.ForwardTsn:
                HandleForwardTsn(chunk);
                return true;
            case SctpChunkType.Reconfig:
                HandleReconfig(chunk);
                return true;
            default:
                return HandleUnrecognizedChunk(chunk);
        }
    }

    /// <summary>RFC 4960 §3.2: the two upper bits of an unknown chunk type say whether to go on and whether to report.</summary>
    private bool HandleUnrecognizedChunk(in SctpChunk chunk)
    {
        Counters.AddUnrecognizedChunks();
        if ((chunk.Type & 0x40) != 0 && _peerTag != 0)
        {
            SendError(SctpErrorCause.UnrecognizedChunkType, chunk.Whole);
        }

        return (chunk.Type & 0x80) != 0;
    }

    private bool CanReceiveData => _state is SctpAssociationState.Established or SctpAssociationState.ShutdownPending
        or SctpAssociationState.ShutdownSent;

    /// <summary>§6.2: accept each TSN once, report duplicates, respect the receive window; SACK follows the packet.</summary>
    private void HandleData(in SctpChunk chunk)
    {
        if (!CanReceiveData)
        {
            return;
        }

        if (SctpDataChunk.TryParse(chunk, out SctpDataChunk data) != OperationStatus.Done)
        {
            Counters.AddMalformedChunksDropped();
            return;
        }

        _sackNeeded = true;
        uint tsn = data.Tsn;
        if (SctpSerial.IsBeforeOrEqual(tsn, _peerCumulativeTsn) || _receivedAbove.Contains(tsn))
        {
            Counters.AddDuplicateDataChunks();
            if (_duplicateTsns.Count < 16)
            {
                _duplicateTsns.Add(tsn);
            }

            return;
        }

        if (tsn - _peerCumulativeTsn > MaxTsnLookahead)
        {
            Counters.AddDataChunksDroppedNoBuffer();
            return;
        }

        if (data.StreamId >= _inboundStreamCount)
        {
            // §6.5: acknowledge it, report Invalid Stream Identifier, discard it.
            Counters.AddInvalidStreamDataChunks();
            MarkReceived(tsn);
            Span<byte> cause = stackalloc byte[4];
            BinaryPrimitives.WriteUInt16BigEndian(cause, data.StreamId);
            SendError(SctpErrorCause.InvalidStreamIdentifier, cause);
            return;
        }

        // §6.2: without buffer space, drop — except the next expected TSN, so the window can always move.
        if ((_reassembly.BufferedBytes + data.UserData.Length > _options.ReceiveWindow || _receivedAbove.Count >= MaxOutOfOrderChunks)
            && tsn != _peerCumulativeTsn + 1)
        {
            Counters.AddDataChunksDroppedNoBuffer();
            return;
        }

        MarkReceived(tsn);
        Counters.AddDataChunksReceived();
        _reassembly.Add(new SctpInboundFragment(data));
    }

    private void MarkReceived(uint tsn)
    {
        if (tsn == _peerCumulativeTsn + 1)
        {
            _peerCumulativeTsn = tsn;
            while (_receivedAbove.Remove(_peerCumulativeTsn + 1))
            {
                _peerCumulativeTsn++;
            }
        }
        else
        {
            _receivedAbove.Add(tsn);
        }
    }

    /// <summary>RFC 3758 §3.6: move the cumulative TSN forward over abandoned data and skip stream sequence numbers.</summary>
    private void HandleForwardTsn(in SctpChunk chunk)
    {
        if (!CanReceiveData)
        {
            return;
        }

        if (SctpForwardTsnChunk.TryParse(chunk.Value, out SctpForwardTsnChunk forward) != OperationStatus.Done
            || forward.NewCumulativeTsn - _peerCumulativeTsn > MaxTsnLookahead && SctpSerial.IsAfter(forward.NewCumulativeTsn, _peerCumulativeTsn))
        {
            Counters.AddMalformedChunksDropped();
            return;
        }

        Counters.AddForwardTsnReceived();
        _sackNeeded = true;
        uint newCumulative = forward.NewCumulativeTsn;
        if (SctpSerial.IsAfter(newCumulative, _peerCumulativeTsn))
        {
            _peerCumulativeTsn = newCumulative;
            while (_receivedAbove.Count > 0 && SctpSerial.IsBeforeOrEqual(_receivedAbove.Min, newCumulative))
            {
                _receivedAbove.Remove(_receivedAbove.Min);
            }

            while (_receivedAbove.Remove(_peerCumulativeTsn + 1))
            {
                _peerCumulativeTsn++;
            }
        }

        var skipped = new List<(ushort, ushort)>(forward.StreamCount);
        for (int i = 0; i < forward.StreamCount; i++)
        {
            skipped.Add(forward.GetStream(i));
        }

        _reassembly.ForwardTsn(newCumulative, skipped);
    }

    private void OnMessageReassembled(ushort streamId, uint ppid, byte[] buffer, int length) =>
        EnqueueMessage(streamId, ppid, buffer, length);

    /// <summary>§8.3: answer with the sender's Heartbeat Info, unchanged.</summary>
    private void HandleHeartbeat(in SctpChunk chunk)
    {
        if (_peerTag != 0)
        {
            SendSingleChunk(SctpChunkType.HeartbeatAck, 0, chunk.Value, _peerTag);
        }
    }

    private void HandleError(in SctpChunk chunk)
    {
        ReadOnlySpan<byte> causes = chunk.Value;
        while (causes.Length >= 4)
        {
            ushort code = BinaryPrimitives.ReadUInt16BigEndian(causes);
            int length = BinaryPrimitives.ReadUInt16BigEndian(causes[2..]);
            SctpLog.ErrorReceived(_logger, code);
            if (length < 4)
            {
                break;
            }

            causes = causes[Math.Min(SctpChunk.Pad4(length), causes.Length)..];
        }
    }

    private void SendError(ushort cause, ReadOnlySpan<byte> info)
    {
        int length = 4 + info.Length;
        Span<byte> value = stackalloc byte[SctpChunk.Pad4(length)];
        value.Clear();
        BinaryPrimitives.WriteUInt16BigEndian(value, cause);
        BinaryPrimitives.WriteUInt16BigEndian(value[2..], (ushort)length);
        info.CopyTo(value[4..]);
        SendSingleChunk(SctpChunkType.Error, 0, value, _peerTag);
    }

    private void SendAbort(ushort cause)
    {
        Span<byte> value = stackalloc byte[4];
        BinaryPrimitives.WriteUInt16BigEndian(value, cause);
        BinaryPrimitives.WriteUInt16BigEndian(value[2..], 4);
        SendSingleChunk(SctpChunkType.Abort, 0, value, _peerTag);
    }

    /// <summary>Space a SACK needs with the current gap blocks and duplicates (§3.3.4).</summary>
    private bool TryAppendSack()
    {
        int maxEntries = Math.Max(0, (_writer.Remaining - SctpChunk.HeaderSize - SctpSackChunk.FixedSize) / 4);
        Span<uint> gaps = stackalloc uint[Math.Min(maxEntries, 64)];
        int gapCount = 0;
        uint runStart = 0;
        uint runEnd = 0;
        bool inRun = false;
        foreach (uint tsn in _receivedAbove)
        {
            if (inRun && tsn == runEnd + 1)
            {
                runEnd = tsn;
                continue;
            }

            if (inRun)
            {
                if (gapCount == gaps.Length)
                {
                    break;
                }

                gaps[gapCount++] = ((runStart - _peerCumulativeTsn) << 16) | (runEnd - _peerCumulativeTsn);
            }

            runStart = runEnd = tsn;
            inRun = true;
        }

        if (inRun && gapCount < gaps.Length && runStart - _peerCumulativeTsn <= ushort.MaxValue
            && runEnd - _peerCumulativeTsn <= ushort.MaxValue)
        {
            gaps[gapCount++] = ((runStart - _peerCumulativeTsn) << 16) | (runEnd - _peerCumulativeTsn);
        }

        int duplicates = Math.Min(_duplicateTsns.Count, Math.Max(0, maxEntries - gapCount));
        int valueLength = SctpSackChunk.FixedSize + (4 * (gapCount + duplicates));
        if (!_writer.TryAddChunk(SctpChunkType.Sack, 0, valueLength, out Span<byte> value))
        {
            return false;
        }

        BinaryPrimitives.WriteUInt32BigEndian(value, _peerCumulativeTsn);
        long window = Math.Max(0, _options.ReceiveWindow - _reassembly.BufferedBytes);
        BinaryPrimitives.WriteUInt32BigEndian(value[4..], (uint)window);
        BinaryPrimitives.WriteUInt16BigEndian(value[8..], (ushort)gapCount);
        BinaryPrimitives.WriteUInt16BigEndian(value[10..], (ushort)duplicates);
        int at = SctpSackChunk.FixedSize;
        for (int i = 0; i < gapCount; i++, at += 4)
        {
            BinaryPrimitives.WriteUInt32BigEndian(value[at..], gaps[i]);
        }

        for (int i = 0; i < duplicates; i++, at += 4)
        {
            BinaryPrimitives.WriteUInt32BigEndian(value[at..], _duplicateTsns[i]);
        }

        _duplicateTsns.Clear();
        _sackNeeded = false;
        Counters.AddSacksSent();
        return true;
    }
}
