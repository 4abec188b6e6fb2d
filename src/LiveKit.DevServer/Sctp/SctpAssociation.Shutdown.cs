using System.Buffers.Binary;

namespace LiveKit.DevServer.Sctp;

/// <summary>Graceful shutdown (RFC 4960 §9.2): SHUTDOWN once our data is acknowledged, SHUTDOWN ACK, SHUTDOWN COMPLETE.</summary>
internal sealed partial class SctpAssociation
{
    /// <summary>
    /// Starts a graceful close: queued data is still delivered, then SHUTDOWN. Before establishment the
    /// association simply closes. Completion shows as <see cref="StateChanged"/> to <see cref="SctpAssociationState.Closed"/>.
    /// </summary>
    public void Shutdown()
    {
        lock (_lock)
        {
            if (_terminated)
            {
                return;
            }

            if (_state == SctpAssociationState.Established)
            {
                SetState(SctpAssociationState.ShutdownPending);
                TryProgressShutdown();
            }
            else if (_state is SctpAssociationState.Closed or SctpAssociationState.CookieWait or SctpAssociationState.CookieEchoed)
            {
                EnterClosed("shut down before establishment");
            }
        }

        DispatchEvents();
    }

    private bool NothingOutstanding => _inflight.Count == 0 && _pending.Count == 0;

    private void TryProgressShutdown()
    {
        if (_terminated || !NothingOutstanding)
        {
            return;
        }

        if (_state == SctpAssociationState.ShutdownPending)
        {
            SendShutdown();
            SetState(SctpAssociationState.ShutdownSent);
            _t3.Stop();
            _t2.Start(_rto.Rto);
        }
        else if (_state == SctpAssociationState.ShutdownReceived)
        {
            SendSingleChunk(SctpChunkType.ShutdownAck, 0, [], _peerTag);
            SetState(SctpAssociationState.ShutdownAckSent);
            _t3.Stop();
            _t2.Start(_rto.Rto);
        }
    }

    private void SendShutdown()
    {
        Span<byte> value = stackalloc byte[4];
        BinaryPrimitives.WriteUInt32BigEndian(value, _peerCumulativeTsn);
        SendSingleChunk(SctpChunkType.Shutdown, 0, value, _peerTag);
    }

    /// <summary>§9.2: the SHUTDOWN's cumulative TSN ack acknowledges data like a SACK; then finish our own data.</summary>
    private void HandleShutdown(in SctpChunk chunk)
    {
        if (chunk.Value.Length < 4 || _state is SctpAssociationState.Closed or SctpAssociationState.CookieWait
            or SctpAssociationState.CookieEchoed)
        {
            return;
        }

        uint cumulative = BinaryPrimitives.ReadUInt32BigEndian(chunk.Value);
        if (SctpSerial.IsAfter(cumulative, _peerCumulativeAck) && !SctpSerial.IsAfter(cumulative, _nextTsn - 1))
        {
            AcknowledgeUpTo(cumulative, _time.GetTimestamp());
            _peerCumulativeAck = cumulative;
            if (!HasOutstandingWork())
            {
                _t3.Stop();
            }
        }

        switch (_state)
        {
            case SctpAssociationState.Established:
            case SctpAssociationState.ShutdownPending:
                SetState(SctpAssociationState.ShutdownReceived);
                break;
            case SctpAssociationState.ShutdownSent:
                // Both sides shut down at once: answer straight away.
                SendSingleChunk(SctpChunkType.ShutdownAck, 0, [], _peerTag);
                SetState(SctpAssociationState.ShutdownAckSent);
                _t2.Start(_rto.Rto);
                break;
            default:
                break;
        }
    }

    private void HandleShutdownAck()
    {
        if (_state is SctpAssociationState.ShutdownSent or SctpAssociationState.ShutdownAckSent)
        {
            SendSingleChunk(SctpChunkType.ShutdownComplete, 0, [], _peerTag);
            EnterClosed("shutdown complete");
        }
    }

    private void HandleShutdownComplete()
    {
        if (_state == SctpAssociationState.ShutdownAckSent)
        {
            EnterClosed("shutdown complete");
        }
    }

    private void OnT2Expired()
    {
        if (_state is not (SctpAssociationState.ShutdownSent or SctpAssociationState.ShutdownAckSent))
        {
            return;
        }

        if (++_errorCount > _options.MaxRetransmissions)
        {
            EnterClosed("no answer to SHUTDOWN (T2-shutdown)");
            return;
        }

        _rto.BackOff();
        if (_state == SctpAssociationState.ShutdownSent)
        {
            SendShutdown();
        }
        else
        {
            SendSingleChunk(SctpChunkType.ShutdownAck, 0, [], _peerTag);
        }

        _t2.Start(_rto.Rto);
    }
}
