using System.Buffers;
using System.Buffers.Binary;

namespace LiveKit.DevServer.Sctp;

/// <summary>
/// Stream reset (RFC 6525), which closes data channels (RFC 8831 §6.7): we send Outgoing SSN Reset Requests for our
/// streams and answer the peer's. One request of ours is outstanding at a time (§5.1.1), retransmitted on a timer.
/// </summary>
internal sealed partial class SctpAssociation
{
    private readonly List<ushort> _streamsToReset = [];
    private uint _reconfigRequestSequence;
    private uint _peerNextReconfigSequence;
    private uint? _outstandingReconfigSequence;
    private ushort[] _outstandingResetStreams = [];
    private uint _lastPeerReconfigResult = SctpReconfigResult.SuccessPerformed;
    private DeferredReset? _deferredIncomingReset;

    /// <summary>
    /// Resets our outgoing streams (the closing side of a data channel). The request waits until data already
    /// queued on those streams has been sent, so the peer sees it all before the reset (§5.1.2).
    /// </summary>
    /// <returns>False if the peer does not support RE-CONFIG or the association is not established.</returns>
    public bool ResetStreams(IReadOnlyCollection<ushort> streamIds)
    {
        bool accepted;
        lock (_lock)
        {
            accepted = !_terminated && _peerReconfig && _state == SctpAssociationState.Established;
            if (accepted)
            {
                foreach (ushort id in streamIds)
                {
                    if (!_streamsToReset.Contains(id) && Array.IndexOf(_outstandingResetStreams, id) < 0)
                    {
                        _streamsToReset.Add(id);
                    }
                }

                TrySendReconfigRequest();
            }
        }

        DispatchEvents();
        return accepted;
    }

    private void TrySendReconfigRequest()
    {
        if (_outstandingReconfigSequence is not null || _streamsToReset.Count == 0 || !CanSendData)
        {
            return;
        }

        foreach (SctpOutboundChunk chunk in _pending)
        {
            if (!chunk.Abandoned && _streamsToReset.Contains(chunk.Message.StreamId))
            {
                return; // Still data to send on a stream being reset; try again after the next send.
            }
        }

        _outstandingResetStreams = [.. _streamsToReset];
        _streamsToReset.Clear();
        _outstandingReconfigSequence = _reconfigRequestSequence++;
        SendOutgoingResetRequest();
        _reconfigTimer.Start(_rto.Rto);
    }

    private void SendOutgoingResetRequest()
    {
        int length = 16 + (2 * _outstandingResetStreams.Length);
        Span<byte> value = stackalloc byte[SctpChunk.Pad4(length)];
        value.Clear();
        BinaryPrimitives.WriteUInt16BigEndian(value, SctpParameterType.OutgoingSsnResetRequest);
        BinaryPrimitives.WriteUInt16BigEndian(value[2..], (ushort)length);
        BinaryPrimitives.WriteUInt32BigEndian(value[4..], _outstandingReconfigSequence!.Value);
        // §4.1: the response sequence is the next expected peer request minus one when not answering one.
        BinaryPrimitives.WriteUInt32BigEndian(value[8..], _peerNextReconfigSequence - 1);
        BinaryPrimitives.WriteUInt32BigEndian(value[12..], _nextTsn - 1);
        for (int i = 0; i < _outstandingResetStreams.Length; i++)
        {
            BinaryPrimitives.WriteUInt16BigEndian(value[(16 + (2 * i))..], _outstandingResetStreams[i]);
        }

        SendSingleChunk(SctpChunkType.Reconfig, 0, value, _peerTag);
    }

    private void OnReconfigTimer()
    {
        if (_outstandingReconfigSequence is not null && CanSendData)
        {
            SendOutgoingResetRequest();
            _reconfigTimer.Start(_rto.Rto);
        }
    }

    private void HandleReconfig(in SctpChunk chunk)
    {
        if (_state is SctpAssociationState.Closed or SctpAssociationState.CookieWait or SctpAssociationState.CookieEchoed)
        {
            return;
        }

        ReadOnlySpan<byte> parameters = chunk.Value;
        while (!parameters.IsEmpty)
        {
            if (SctpReconfigParameter.TryRead(parameters, out SctpReconfigParameter parameter, out int consumed) != OperationStatus.Done)
            {
                Counters.AddMalformedChunksDropped();
                return;
            }

            parameters = parameters[consumed..];
            switch (parameter.Type)
            {
                case SctpParameterType.OutgoingSsnResetRequest:
                    HandleIncomingResetRequest(parameter);
                    break;
                case SctpParameterType.ReconfigResponse:
                    HandleReconfigResponse(parameter);
                    break;
                default:
                    // Incoming SSN reset and stream addition requests are not supported: answer Denied (§4.4).
                    SendReconfigResponse(parameter.RequestSequence, SctpReconfigResult.Denied);
                    break;
            }
        }
    }

    /// <summary>
    /// §5.2.2: the peer resets its outgoing streams, i.e. our incoming ones. Performed once every TSN up to the
    /// request's last TSN has arrived; until then answered In Progress and performed when the data is complete.
    /// </summary>
    private void HandleIncomingResetRequest(in SctpReconfigParameter request)
    {
        uint sequence = request.RequestSequence;
        if (sequence == _peerNextReconfigSequence - 1 && _deferredIncomingReset is null)
        {
            SendReconfigResponse(sequence, _lastPeerReconfigResult); // A retransmission of one we answered.
            return;
        }

        if (sequence != _peerNextReconfigSequence)
        {
            SendReconfigResponse(sequence, SctpReconfigResult.ErrorBadSequenceNumber);
            return;
        }

        var streams = new ushort[request.StreamCount];
        for (int i = 0; i < streams.Length; i++)
        {
            streams[i] = request.GetStream(i);
        }

        _deferredIncomingReset = new DeferredReset(sequence, request.LastTsn, streams);
        if (!PerformDeferredIncomingReset())
        {
            SendReconfigResponse(sequence, SctpReconfigResult.InProgress);
        }
    }

    private bool PerformDeferredIncomingReset()
    {
        if (_deferredIncomingReset is not DeferredReset reset || SctpSerial.IsAfter(reset.LastTsn, _peerCumulativeTsn))
        {
            return false;
        }

        _deferredIncomingReset = null;
        foreach (ushort stream in reset.Streams)
        {
            _reassembly.ResetStream(stream);
        }

        _peerNextReconfigSequence = reset.Sequence + 1;
        _lastPeerReconfigResult = SctpReconfigResult.SuccessPerformed;
        Counters.AddStreamResetsReceived();
        SendReconfigResponse(reset.Sequence, SctpReconfigResult.SuccessPerformed);
        EnqueueStreamsReset(reset.Streams);
        return true;
    }

    private void HandleReconfigResponse(in SctpReconfigParameter response)
    {
        if (response.RequestSequence != _outstandingReconfigSequence)
        {
            return;
        }

        SctpLog.ReconfigResponse(_logger, response.RequestSequence, response.Result);
        if (response.Result == SctpReconfigResult.InProgress)
        {
            return; // The timer asks again.
        }

        if (response.Result is SctpReconfigResult.SuccessPerformed or SctpReconfigResult.SuccessNothingToDo)
        {
            // §5.1.2: our SSNs on the reset streams start again at 0.
            foreach (ushort stream in _outstandingResetStreams)
            {
                _nextStreamSequence.Remove(stream);
            }
        }

        _outstandingReconfigSequence = null;
        _outstandingResetStreams = [];
        _reconfigTimer.Stop();
        TrySendReconfigRequest();
    }

    private void SendReconfigResponse(uint sequence, uint result)
    {
        Span<byte> value = stackalloc byte[12];
        BinaryPrimitives.WriteUInt16BigEndian(value, SctpParameterType.ReconfigResponse);
        BinaryPrimitives.WriteUInt16BigEndian(value[2..], 12);
        BinaryPrimitives.WriteUInt32BigEndian(value[4..], sequence);
        BinaryPrimitives.WriteUInt32BigEndian(value[8..], result);
        SendSingleChunk(SctpChunkType.Reconfig, 0, value, _peerTag);
    }

    private sealed record DeferredReset(uint Sequence, uint LastTsn, ushort[] Streams);
}
