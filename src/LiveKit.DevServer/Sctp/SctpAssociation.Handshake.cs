using System.Buffers;
using System.Buffers.Binary;

namespace LiveKit.DevServer.Sctp;

/// <summary>Association set-up: INIT, INIT ACK with a signed State Cookie, COOKIE ECHO, COOKIE ACK (RFC 4960 §5).</summary>
internal sealed partial class SctpAssociation
{
    private void SendInit()
    {
        Span<byte> value = stackalloc byte[SctpInitChunk.FixedSize + SctpInitChunk.CapabilitiesSize];
        SctpInitChunk.WriteFixedAndCapabilities(value, _localTag, (uint)_options.ReceiveWindow,
            _options.OutboundStreams, _options.InboundStreams, _localInitialTsn);
        // §8.5.1 A: a packet carrying INIT has verification tag 0.
        SendSingleChunk(SctpChunkType.Init, 0, value, 0);
    }

    /// <summary>
    /// §5.1 step B: answer INIT with INIT ACK and a State Cookie, keeping no state. In COOKIE-WAIT or
    /// COOKIE-ECHOED (an INIT collision, §5.2.1) the INIT ACK reuses our original tag and TSN.
    /// </summary>
    private void HandleInit(in SctpChunk chunk, bool alone)
    {
        if (!alone)
        {
            // §6.10: INIT must not be bundled; the whole packet is discarded.
            Counters.AddMalformedChunksDropped();
            return;
        }

        if (SctpInitChunk.TryParse(chunk.Value, out SctpInitChunk init) != OperationStatus.Done)
        {
            Counters.AddMalformedChunksDropped();
            return;
        }

        uint localTag;
        uint localTsn;
        switch (_state)
        {
            case SctpAssociationState.Closed:
                localTag = RandomTag();
                localTsn = RandomTsn();
                break;
            case SctpAssociationState.CookieWait:
            case SctpAssociationState.CookieEchoed:
                localTag = _localTag;
                localTsn = _localInitialTsn;
                break;
            default:
                // An INIT on a live association means a peer restart (§5.2.2), which WebRTC never does.
                Counters.AddUnrecognizedChunks();
                return;
        }

        var cookie = new SctpStateCookie(_time.GetUtcNow().ToUnixTimeMilliseconds(), localTag, init.InitiateTag,
            localTsn, init.InitialTsn, init.AdvertisedReceiverWindow, init.OutboundStreams, init.InboundStreams,
            init.ForwardTsnSupported, init.ReconfigSupported);

        int length = SctpInitChunk.FixedSize + SctpInitChunk.CapabilitiesSize + 4 + SctpStateCookie.Size;
        Span<byte> value = stackalloc byte[length];
        int at = SctpInitChunk.WriteFixedAndCapabilities(value, localTag, (uint)_options.ReceiveWindow,
            _options.OutboundStreams, _options.InboundStreams, localTsn);
        BinaryPrimitives.WriteUInt16BigEndian(value[at..], SctpParameterType.StateCookie);
        BinaryPrimitives.WriteUInt16BigEndian(value[(at + 2)..], (ushort)(4 + SctpStateCookie.Size));
        cookie.WriteSigned(value[(at + 4)..], _cookieSecret);
        SendSingleChunk(SctpChunkType.InitAck, 0, value, init.InitiateTag);
    }

    /// <summary>§5.1 step C: INIT ACK answers our INIT; echo its cookie and wait for COOKIE ACK.</summary>
    private void HandleInitAck(in SctpChunk chunk)
    {
        if (_state != SctpAssociationState.CookieWait)
        {
            return;
        }

        if (SctpInitChunk.TryParse(chunk.Value, out SctpInitChunk init) != OperationStatus.Done || init.StateCookie.IsEmpty)
        {
            Counters.AddMalformedChunksDropped();
            return;
        }

        ApplyPeerParameters(init.InitiateTag, init.InitialTsn, init.AdvertisedReceiverWindow, init.OutboundStreams,
            init.InboundStreams, init.ForwardTsnSupported, init.ReconfigSupported);
        _cookieToEcho = init.StateCookie.ToArray();
        _t1.Stop();
        SendSingleChunk(SctpChunkType.CookieEcho, 0, _cookieToEcho, _peerTag);
        SetState(SctpAssociationState.CookieEchoed);
        _initAttempts = 1;
        _t1Interval = _rto.Rto;
        _t1.Start(_t1Interval);
    }

    /// <summary>
    /// §5.1.5: a valid, fresh cookie establishes the association. In COOKIE-WAIT/COOKIE-ECHOED it is the INIT
    /// collision case (§5.2.4 B/D: our tag matches); on a live association a matching cookie is a duplicate whose
    /// COOKIE ACK was lost (case D), answered again.
    /// </summary>
    /// <returns>False when the rest of the packet must be discarded.</returns>
    private bool HandleCookieEcho(uint verificationTag, in SctpChunk chunk)
    {
        if (!SctpStateCookie.TryReadVerified(chunk.Value, _cookieSecret, out SctpStateCookie cookie))
        {
            Counters.AddMalformedChunksDropped();
            return false;
        }

        if (verificationTag != cookie.LocalTag)
        {
            Counters.AddVerificationTagMismatchesDropped();
            return false;
        }

        long age = _time.GetUtcNow().ToUnixTimeMilliseconds() - cookie.CreatedUnixMilliseconds;
        if (age < 0 || age > _options.CookieLifetime.TotalMilliseconds)
        {
            // §3.3.10.3 Stale Cookie: the peer will start over with a new INIT.
            Counters.AddMalformedChunksDropped();
            return false;
        }

        switch (_state)
        {
            case SctpAssociationState.Closed:
                _localTag = cookie.LocalTag;
                InitializeSendState(cookie.LocalInitialTsn);
                break;
            case SctpAssociationState.CookieWait:
            case SctpAssociationState.CookieEchoed:
                if (cookie.LocalTag != _localTag)
                {
                    Counters.AddVerificationTagMismatchesDropped();
                    return false;
                }

                break;
            default:
                if (cookie.LocalTag == _localTag && cookie.PeerTag == _peerTag)
                {
                    SendSingleChunk(SctpChunkType.CookieAck, 0, [], _peerTag);
                    return true;
                }

                // A restart (§5.2.4 case A) is not supported.
                Counters.AddVerificationTagMismatchesDropped();
                return false;
        }

        ApplyPeerParameters(cookie.PeerTag, cookie.PeerInitialTsn, cookie.PeerWindow, cookie.PeerOutboundStreams,
            cookie.PeerInboundStreams, cookie.PeerForwardTsn, cookie.PeerReconfig);
        SendSingleChunk(SctpChunkType.CookieAck, 0, [], _peerTag);
        EnterEstablished();
        return true;
    }

    private void HandleCookieAck()
    {
        if (_state == SctpAssociationState.CookieEchoed)
        {
            EnterEstablished();
        }
    }

    private void OnT1Expired()
    {
        if (_state is not (SctpAssociationState.CookieWait or SctpAssociationState.CookieEchoed))
        {
            return;
        }

        if (++_initAttempts > _options.MaxInitRetransmissions)
        {
            EnterClosed(_state == SctpAssociationState.CookieWait ? "no INIT ACK (T1-init)" : "no COOKIE ACK (T1-cookie)");
            return;
        }

        // §5.1 / §6.3.3: resend with the timer doubled.
        _t1Interval = TimeSpan.FromTicks(Math.Min(_t1Interval.Ticks * 2, _options.RtoMax.Ticks));
        if (_state == SctpAssociationState.CookieWait)
        {
            SendInit();
        }
        else
        {
            SendSingleChunk(SctpChunkType.CookieEcho, 0, _cookieToEcho, _peerTag);
        }

        _t1.Start(_t1Interval);
    }

    private void ApplyPeerParameters(uint peerTag, uint peerInitialTsn, uint peerWindow, ushort peerOutbound,
        ushort peerInbound, bool forwardTsn, bool reconfig)
    {
        _peerTag = peerTag;
        _peerForwardTsn = forwardTsn;
        _peerReconfig = reconfig;
        // §5.1.1: use the smaller of our OS and their MIS, and of their OS and our MIS.
        _outboundStreamCount = Math.Min(_options.OutboundStreams, peerInbound);
        _inboundStreamCount = Math.Min(_options.InboundStreams, peerOutbound);
        _peerRwnd = peerWindow;
        InitializeReceiveState(peerInitialTsn);
    }

    private void EnterEstablished()
    {
        _t1.Stop();
        _cookieToEcho = null;
        SetState(SctpAssociationState.Established);
        SctpLog.Established(_logger, _outboundStreamCount, _inboundStreamCount, _peerForwardTsn, _peerReconfig);
        _established.TrySetResult(true);
        if (_options.HeartbeatInterval > TimeSpan.Zero)
        {
            _heartbeatTimer.Start(_options.HeartbeatInterval);
        }

        // Messages queued while connecting go out now.
        SendPendingData();
    }
}
