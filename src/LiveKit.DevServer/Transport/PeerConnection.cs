using System.Net;
using System.Net.Sockets;
using System.Security.Cryptography;
using LiveKit.DevServer.Dtls;
using LiveKit.DevServer.Ice;
using LiveKit.DevServer.Sdp;
using LiveKit.DevServer.Srtp;
using LiveKit.DevServer.Stun;
using Microsoft.Extensions.Logging;

namespace LiveKit.DevServer.Transport;

/// <summary>
/// The server side of one WebRTC peer connection: ICE-lite on the shared port, a DTLS server association, SRTP
/// contexts keyed from it, RTP/RTCP in and out, and the SDP offer/answer that configures them. A LiveKit participant
/// has two: the publisher connection (the client offers; <see cref="ApplyRemoteOffer"/>) and the subscriber
/// connection (we offer; <see cref="CreateOffer"/> and <see cref="ApplyRemoteAnswer"/>).
/// </summary>
/// <remarks>
/// Threading: the receive path (<see cref="RtpReceived"/>) runs on the transport's receive thread; negotiation and
/// track changes may come from any thread and are serialised by a lock; <see cref="ForwardedTrack.Forward"/> may be
/// called from any thread. <see cref="StateChanged"/> is raised on whichever thread caused the change: handlers
/// must not block. The owner closes the connection (<see cref="CloseAsync"/>); on Failed it closes itself and only
/// reports.
/// </remarks>
internal sealed partial class PeerConnection : IAsyncDisposable
{
    private readonly MediaUdpTransport _transport;
    private readonly IceLiteAgent _ice;
    private readonly ILogger _logger;
    private readonly Lock _stateLock = new();
    private readonly Lock _negotiationLock = new();
    private readonly List<SocketAddress> _routes = [];
    private readonly List<byte[]> _pendingDtls = [];
    private readonly ulong _sessionId;
    private PeerConnectionState _state = PeerConnectionState.New;
    private DtlsConnection? _dtls;
    private Task _dtlsObserver = Task.CompletedTask;
    private volatile SocketAddress? _selected;
    private IPEndPoint? _selectedEndPoint;
    private volatile bool _closed;

    internal PeerConnection(MediaUdpTransport transport, IceCredentials credentials, string id)
    {
        _transport = transport;
        Id = id;
        LocalCredentials = credentials;
        _logger = transport.LoggerFactory.CreateLogger<PeerConnection>();
        _sessionId = (ulong)RandomNumberGenerator.GetInt32(int.MaxValue) << 16;
        _localRtcpSsrc = (uint)RandomNumberGenerator.GetInt32(1, int.MaxValue);
        _ice = new IceLiteAgent(credentials, transport.Options.Ice, transport.TimeProvider);
        _ice.StateChanged += OnIceStateChanged;
        _rtcpTimer = transport.TimeProvider.CreateTimer(static s => ((PeerConnection)s!).OnRtcpTimer(), this, transport.Options.RtcpReportInterval, transport.Options.RtcpReportInterval);
    }

    /// <summary>Raised after each state change. Failed and Closed are final.</summary>
    public event Action<PeerConnection, PeerConnectionState>? StateChanged;

    /// <summary>Our id for logs and counters (the transport's, or the one given at creation).</summary>
    public string Id { get; }

    /// <summary>Our ICE-lite credentials, as written into every description of this connection.</summary>
    public IceCredentials LocalCredentials { get; }

    public PeerConnectionCounters Counters { get; } = new();

    public PeerConnectionState State
    {
        get
        {
            lock (_stateLock)
            {
                return _state;
            }
        }
    }

    /// <summary>The SRTP profile DTLS agreed; null until connected.</summary>
    public SrtpProtectionProfile? SrtpProfile => _srtpIn?.Profile;

    /// <summary>The remote address media goes to (the ICE-selected pair); null before the first valid check.</summary>
    public IPEndPoint? RemoteEndPoint => Volatile.Read(ref _selectedEndPoint);

    internal MediaTransportOptions Options => _transport.Options;

    internal TimeProvider TimeProvider => _transport.TimeProvider;

    /// <summary>
    /// Closes ICE, DTLS (close_notify) and SRTP, stops timers and leaves the port. Idempotent; waits (bounded) for
    /// the DTLS worker.
    /// </summary>
    public async Task CloseAsync()
    {
        if (!MarkClosed(PeerConnectionState.Closed))
        {
            await _dtlsObserver.ConfigureAwait(false);
            return;
        }

        await ReleaseAsync().ConfigureAwait(false);
    }

    public async ValueTask DisposeAsync() => await CloseAsync().ConfigureAwait(false);

    /// <summary>Disposes a connection that lost the ufrag race in <see cref="MediaUdpTransport.CreatePeerConnection"/>.</summary>
    internal void DisposeUnregistered()
    {
        _closed = true;
        _rtcpTimer.Dispose();
        _ice.Dispose();
        _dataChannelStop.Dispose();
    }

    /// <summary>STUN from the transport's receive thread, already matched to our ufrag.</summary>
    internal void OnStun(in StunMessage message, SocketAddress remote, byte[] responseBuffer)
    {
        if (_closed)
        {
            return;
        }

        var endPoint = ToEndPoint(remote);
        var outcome = _ice.HandleRequest(message, endPoint, responseBuffer, out int length);
        if (outcome == IceCheckOutcome.Ignored)
        {
            return;
        }

        Counters.OnStunAnswered(outcome == IceCheckOutcome.Succeeded);
        if (outcome == IceCheckOutcome.Succeeded)
        {
            RememberRoute(remote);
            UpdateSelected();
        }

        _transport.Send(responseBuffer.AsSpan(0, length), remote);
    }

    /// <summary>DTLS, SRTP or SRTCP from an address ICE validated for us, on the receive thread.</summary>
    internal void OnDatagram(DatagramKind kind, Span<byte> datagram)
    {
        if (_closed)
        {
            return;
        }

        switch (kind)
        {
            case DatagramKind.Dtls:
                OnDtls(datagram);
                break;
            case DatagramKind.Rtp:
                OnSrtp(datagram);
                break;
            case DatagramKind.Rtcp:
                OnSrtcp(datagram);
                break;
        }
    }

    /// <summary>Sends raw bytes on the selected pair (DTLS records, protected media); dropped before ICE selects one.</summary>
    internal void SendToRemote(ReadOnlySpan<byte> datagram)
    {
        var selected = _selected;
        if (selected is not null && !_closed)
        {
            _transport.Send(datagram, selected);
        }
    }

    private void OnDtls(ReadOnlySpan<byte> datagram)
    {
        var dtls = Volatile.Read(ref _dtls);
        if (dtls is not null)
        {
            dtls.ReceiveDatagram(datagram);
            return;
        }

        // A ClientHello can overtake the answer that tells us the peer's fingerprint; keep a few for then.
        lock (_pendingDtls)
        {
            if (_pendingDtls.Count < 16)
            {
                _pendingDtls.Add(datagram.ToArray());
            }
        }
    }

    /// <summary>
    /// Applies the peer's ICE credentials and DTLS fingerprint from the first remote description; later descriptions
    /// must carry the same (an ICE restart or new certificate is not supported here). Returns true when this call
    /// started ICE/DTLS: the caller then moves the state to Connecting once it has left the negotiation lock, because
    /// state subscribers take the room's lock and the room takes this connection's lock to add tracks.
    /// </summary>
    private bool ApplyRemoteTransport(SdpRemoteTransport remote, bool withDataChannels)
    {
        if (_remoteTransport is { } known)
        {
            if (known.IceUfrag != remote.IceUfrag || known.Fingerprint != remote.Fingerprint)
            {
                throw new SdpNegotiationException("The description changes the ICE credentials or DTLS fingerprint; ICE restarts are not supported.");
            }

            return false;
        }

        if (!CertificateFingerprint.TryParse(remote.Fingerprint, out var fingerprint))
        {
            throw new SdpNegotiationException($"Unsupported a=fingerprint '{remote.Fingerprint}' (sha-256, sha-384 or sha-512 required).");
        }

        _remoteTransport = remote;
        _ice.SetRemoteUfrag(remote.IceUfrag);
        var dtls = new DtlsConnection(DtlsRole.Server, _transport.Certificate, fingerprint, new RemoteSender(this), _transport.DtlsOptions, _transport.TimeProvider, _transport.LoggerFactory.CreateLogger<DtlsConnection>());
        dtls.ApplicationDataReceived += OnDtlsApplicationData;
        if (withDataChannels)
        {
            // Before Start, so no SCTP packet right after the handshake is missed.
            CreateDataChannels(dtls);
        }

        dtls.Start();
        Volatile.Write(ref _dtls, dtls);
        _dtlsObserver = ObserveDtlsAsync(dtls);
        lock (_pendingDtls)
        {
            foreach (var datagram in _pendingDtls)
            {
                dtls.ReceiveDatagram(datagram);
            }

            _pendingDtls.Clear();
        }

        return true;
    }

    /// <summary>After <see cref="ApplyRemoteTransport"/> started ICE/DTLS, outside every lock; never moves a connection back.</summary>
    private void OnTransportStarted() => SetState(PeerConnectionState.Connecting, onlyFrom: PeerConnectionState.New);

    private async Task ObserveDtlsAsync(DtlsConnection dtls)
    {
        DtlsHandshakeResult result;
        try
        {
            result = await dtls.Handshake.ConfigureAwait(false);
        }
        catch (DtlsHandshakeException ex)
        {
            if (!_closed)
            {
                MediaTransportLog.DtlsFailed(_logger, Id, ex);
                Fail();
            }

            return;
        }

        if (result.Srtp is not { } keys)
        {
            MediaTransportLog.DtlsFailed(_logger, Id, null);
            Fail();
            return;
        }

        var profile = (SrtpProtectionProfile)(ushort)keys.Profile;
        var inbound = new SrtpContext(profile, new SrtpMasterKeys(keys.RemoteMasterKey.ToArray(), keys.RemoteMasterSalt.ToArray()), Options.MaxSrtpStreamsPerPeer);
        var outbound = new SrtpContext(profile, new SrtpMasterKeys(keys.LocalMasterKey.ToArray(), keys.LocalMasterSalt.ToArray()), Options.MaxSrtpStreamsPerPeer);
        _srtpOut = outbound;
        _srtpIn = inbound;
        if (_closed)
        {
            inbound.Dispose();
            outbound.Dispose();
            return;
        }

        MediaTransportLog.SrtpReady(_logger, Id, profile);
        UpdateConnectedState();
    }

    private void OnIceStateChanged(IceLiteAgent agent, IceAgentState state)
    {
        switch (state)
        {
            case IceAgentState.Failed:
                Fail();
                break;
            case IceAgentState.Disconnected:
                SetState(PeerConnectionState.Disconnected, onlyFrom: PeerConnectionState.Connected);
                break;
            case IceAgentState.Connected:
                UpdateConnectedState();
                break;
        }
    }

    private void UpdateConnectedState()
    {
        // ICE and DTLS complete on different threads; each writes its half and then reads the other's.
        // A full fence on both paths means at least one of them sees both halves done.
        Interlocked.MemoryBarrier();
        if (_srtpIn is not null && _ice.State == IceAgentState.Connected)
        {
            SetState(PeerConnectionState.Connected);
        }
    }

    private void UpdateSelected()
    {
        var endPoint = _ice.SelectedEndPoint;
        if (endPoint is not null && !endPoint.Equals(Volatile.Read(ref _selectedEndPoint)))
        {
            Volatile.Write(ref _selectedEndPoint, endPoint);
            _selected = endPoint.Serialize();
        }
    }

    private void RememberRoute(SocketAddress remote)
    {
        lock (_routes)
        {
            if (_routes.Contains(remote))
            {
                return;
            }

            var copy = new SocketAddress(remote.Family, remote.Size);
            remote.Buffer.Span[..remote.Size].CopyTo(copy.Buffer.Span);
            if (_routes.Count >= Options.MaxRoutesPerPeer)
            {
                _transport.RemoveRoute(_routes[0], this);
                _routes.RemoveAt(0);
            }

            _routes.Add(copy);
            _transport.AddRoute(copy, this);
        }
    }

    private static IPEndPoint ToEndPoint(SocketAddress address)
    {
        var template = address.Family == AddressFamily.InterNetworkV6 ? new IPEndPoint(IPAddress.IPv6Any, 0) : new IPEndPoint(IPAddress.Any, 0);
        return (IPEndPoint)template.Create(address);
    }

    private void Fail()
    {
        if (MarkClosed(PeerConnectionState.Failed))
        {
            _ = ReleaseAsync();
        }
    }

    private bool MarkClosed(PeerConnectionState final)
    {
        lock (_stateLock)
        {
            if (_state is PeerConnectionState.Failed or PeerConnectionState.Closed)
            {
                return false;
            }

            _state = final;
            _closed = true;
        }

        MediaTransportLog.PeerStateChanged(_logger, Id, final);
        RaiseStateChanged(final);
        return true;
    }

    private async Task ReleaseAsync()
    {
        _rtcpTimer.Dispose();
        _ice.Dispose();
        lock (_routes)
        {
            _transport.Unregister(this, _routes);
            _routes.Clear();
        }

        if (Volatile.Read(ref _dtls) is { } dtls)
        {
            await dtls.CloseAsync().ConfigureAwait(false);
            await _dtlsObserver.ConfigureAwait(false);
        }

        await CloseDataChannelsAsync().ConfigureAwait(false);

        _srtpIn?.Dispose();
        _srtpOut?.Dispose();
        lock (_negotiationLock)
        {
            _signaling = SignalingState.Closed;
        }
    }

    private void SetState(PeerConnectionState next, PeerConnectionState? onlyFrom = null)
    {
        lock (_stateLock)
        {
            if (_state == next || _state is PeerConnectionState.Failed or PeerConnectionState.Closed || (onlyFrom is { } from && _state != from))
            {
                return;
            }

            _state = next;
        }

        MediaTransportLog.PeerStateChanged(_logger, Id, next);
        RaiseStateChanged(next);
    }

    private void RaiseStateChanged(PeerConnectionState state)
    {
        try
        {
            StateChanged?.Invoke(this, state);
        }
#pragma warning disable CA1031 // A subscriber's fault must not break the media path.
        catch (Exception ex)
#pragma warning restore CA1031
        {
            MediaTransportLog.CallbackFault(_logger, Id, ex);
        }
    }

    /// <summary>DTLS's outlet: records go to the ICE-selected address.</summary>
    private sealed class RemoteSender(PeerConnection owner) : IDatagramSender
    {
        public void Send(ReadOnlySpan<byte> datagram) => owner.SendToRemote(datagram);
    }
}
