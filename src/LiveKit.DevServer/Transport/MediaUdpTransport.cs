using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using System.Text;
using LiveKit.DevServer.Dtls;
using LiveKit.DevServer.Ice;
using LiveKit.DevServer.Stun;
using Microsoft.Extensions.Logging;

namespace LiveKit.DevServer.Transport;

/// <summary>
/// The one UDP port every peer connection shares (ICE-lite, so one host candidate): datagrams are demultiplexed by
/// first byte (RFC 7983) and by remote address, or for STUN by the ICE username, to a <see cref="PeerConnection"/>.
/// Malformed or unroutable input is dropped and counted in <see cref="Counters"/>; a fault in one peer's handling is
/// caught, counted and logged, never felt by another peer.
/// </summary>
/// <remarks>
/// Threading: one dedicated receive thread reads the socket and runs every peer's receive path (STUN, DTLS hand-off,
/// SRTP decryption, RTP callbacks and so forwarding) synchronously. Sends are thread-safe. Peer connections are
/// created and closed from any thread. <see cref="DisposeAsync"/> closes every peer connection, the socket, and
/// waits for the receive thread.
/// </remarks>
internal sealed class MediaUdpTransport : IAsyncDisposable
{
    private const int ReceiveBufferSize = 2048;

    private readonly MediaTransportOptions _options;
    private readonly DtlsOptions _dtlsOptions;
    private readonly TimeProvider _time;
    private readonly ILoggerFactory _loggerFactory;
    private readonly ILogger _logger;
    private readonly ConcurrentDictionary<string, PeerConnection> _byUfrag = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<SocketAddress, PeerConnection> _routes = new();
    private readonly byte[] _stunResponse = new byte[StunConstants.MaxMessageLength];
    private Socket? _socket;
    private Thread? _receiveThread;
    private volatile bool _closing;
    private bool _loopbackOnly;

    public MediaUdpTransport(MediaTransportOptions options, TimeProvider timeProvider, ILoggerFactory loggerFactory, DtlsOptions? dtlsOptions = null, DtlsCertificate? certificate = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(timeProvider);
        ArgumentNullException.ThrowIfNull(loggerFactory);
        options.Validate();
        _options = options;
        _dtlsOptions = dtlsOptions ?? new DtlsOptions();
        _dtlsOptions.Validate();
        _time = timeProvider;
        _loggerFactory = loggerFactory;
        _logger = loggerFactory.CreateLogger<MediaUdpTransport>();
        Certificate = certificate ?? DtlsCertificate.Generate(timeProvider);
    }

    public MediaTransportCounters Counters { get; } = new();

    /// <summary>The certificate every DTLS association presents; its fingerprint goes into every description.</summary>
    public DtlsCertificate Certificate { get; }

    /// <summary>The bound address and port; valid after <see cref="Start"/>.</summary>
    public IPEndPoint LocalEndPoint { get; private set; } = new(IPAddress.Loopback, 0);

    /// <summary>The address and port written into SDP candidates.</summary>
    public IPEndPoint AdvertisedEndPoint { get; private set; } = new(IPAddress.Loopback, 0);

    public int PeerConnectionCount => _byUfrag.Count;

    internal MediaTransportOptions Options => _options;

    internal DtlsOptions DtlsOptions => _dtlsOptions;

    internal TimeProvider TimeProvider => _time;

    internal ILoggerFactory LoggerFactory => _loggerFactory;

    /// <summary>Binds the socket and starts the receive thread.</summary>
    public void Start()
    {
        if (_socket is not null)
        {
            throw new InvalidOperationException("The media transport is already started.");
        }

        var bind = _options.GetBindAddress();
        var socket = new Socket(bind.AddressFamily, SocketType.Dgram, ProtocolType.Udp);
        try
        {
            socket.ReceiveBufferSize = _options.SocketReceiveBufferBytes;
            socket.Bind(new IPEndPoint(bind, _options.Port));
        }
        catch
        {
            socket.Dispose();
            throw;
        }

        _socket = socket;
        _loopbackOnly = IPAddress.IsLoopback(bind) && !_options.AllowNonLoopbackPeersOnLoopback;
        LocalEndPoint = (IPEndPoint)socket.LocalEndPoint!;
        var advertised = string.IsNullOrEmpty(_options.AdvertisedAddress) ? bind : IPAddress.Parse(_options.AdvertisedAddress);
        AdvertisedEndPoint = new IPEndPoint(advertised, LocalEndPoint.Port);
        _receiveThread = new Thread(ReceiveLoop) { IsBackground = true, Name = "media-udp-receive" };
        _receiveThread.Start();
        MediaTransportLog.Listening(_logger, LocalEndPoint, AdvertisedEndPoint);
    }

    /// <summary>
    /// Creates a peer connection with fresh ICE credentials, reachable through this port until it closes or fails.
    /// </summary>
    /// <exception cref="InvalidOperationException">Not started, or <see cref="MediaTransportOptions.MaxPeerConnections"/> reached.</exception>
    public PeerConnection CreatePeerConnection(string? id = null)
    {
        if (_socket is null || _closing)
        {
            throw new InvalidOperationException("The media transport is not running.");
        }

        if (_byUfrag.Count >= _options.MaxPeerConnections)
        {
            MediaTransportLog.TooManyPeers(_logger, _byUfrag.Count);
            throw new InvalidOperationException($"The media transport already serves {_byUfrag.Count} peer connections (MediaTransport:MaxPeerConnections).");
        }

        while (true)
        {
            var credentials = IceCredentials.Generate();
            var peer = new PeerConnection(this, credentials, id ?? "PC_" + credentials.Ufrag[..8]);
            if (_byUfrag.TryAdd(credentials.Ufrag, peer))
            {
                return peer;
            }

            peer.DisposeUnregistered();
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (_closing)
        {
            return;
        }

        _closing = true;
        foreach (var peer in _byUfrag.Values)
        {
            await peer.CloseAsync().ConfigureAwait(false);
        }

        _socket?.Dispose();
        if (_receiveThread is { } thread && thread != Thread.CurrentThread)
        {
            await Task.Run(() => thread.Join(TimeSpan.FromSeconds(5))).ConfigureAwait(false);
        }
    }

    /// <summary>Sends one datagram; never throws for network reasons (counted instead).</summary>
    internal void Send(ReadOnlySpan<byte> datagram, SocketAddress remote)
    {
        var socket = _socket;
        if (socket is null || _closing)
        {
            return;
        }

        try
        {
            socket.SendTo(datagram, SocketFlags.None, remote);
            Counters.OnSent(datagram.Length);
        }
        catch (Exception ex) when (ex is SocketException or ObjectDisposedException)
        {
            Counters.OnSendError();
        }
    }

    /// <summary>Routes DTLS and SRTP from <paramref name="remote"/> to <paramref name="peer"/> (after a valid ICE check).</summary>
    internal void AddRoute(SocketAddress remote, PeerConnection peer) => _routes[remote] = peer;

    internal void RemoveRoute(SocketAddress remote, PeerConnection peer) => _routes.TryRemove(new KeyValuePair<SocketAddress, PeerConnection>(remote, peer));

    /// <summary>Called by a peer connection when it closes or fails: it stops receiving anything.</summary>
    internal void Unregister(PeerConnection peer, IEnumerable<SocketAddress> routes)
    {
        _byUfrag.TryRemove(new KeyValuePair<string, PeerConnection>(peer.LocalCredentials.Ufrag, peer));
        foreach (var route in routes)
        {
            RemoveRoute(route, peer);
        }
    }

    private void ReceiveLoop()
    {
        var socket = _socket!;
        var buffer = GC.AllocateArray<byte>(ReceiveBufferSize, pinned: true);
        var address = new SocketAddress(socket.AddressFamily);
        while (!_closing)
        {
            int length;
            try
            {
                length = socket.ReceiveFrom(buffer, SocketFlags.None, address);
            }
            catch (SocketException ex) when (ex.SocketErrorCode is SocketError.ConnectionReset or SocketError.MessageSize)
            {
                // ICMP port unreachable from an earlier send, or an oversized datagram: not fatal for a UDP server.
                continue;
            }
            catch (Exception ex) when (ex is SocketException or ObjectDisposedException)
            {
                if (!_closing)
                {
                    MediaTransportLog.ReceiveLoopFailed(_logger, ex);
                }

                return;
            }

            var kind = DatagramKind.Unknown;
            try
            {
                kind = DatagramClassifier.Classify(buffer.AsSpan(0, length));
                HandleDatagram(kind, buffer.AsSpan(0, length), address);
            }
#pragma warning disable CA1031 // One datagram's fault is counted and logged; the port keeps serving everyone else.
            catch (Exception ex)
#pragma warning restore CA1031
            {
                Counters.OnHandlerFault();
                MediaTransportLog.HandlerFault(_logger, kind, ex);
            }
        }
    }

    private void HandleDatagram(DatagramKind kind, Span<byte> datagram, SocketAddress remote)
    {
        Counters.OnReceived(datagram.Length);
        if (_loopbackOnly && !IsLoopback(remote))
        {
            Counters.OnNonLoopback();
            return;
        }

        Counters.OnKind(kind);
        switch (kind)
        {
            case DatagramKind.Stun:
                HandleStun(datagram, remote);
                break;
            case DatagramKind.Dtls or DatagramKind.Rtp or DatagramKind.Rtcp:
                if (_routes.TryGetValue(remote, out var peer))
                {
                    peer.OnDatagram(kind, datagram);
                }
                else
                {
                    Counters.OnUnroutable();
                }

                break;
        }
    }

    private void HandleStun(Span<byte> datagram, SocketAddress remote)
    {
        if (StunMessage.TryParse(datagram, out var message, out _) != StunParseStatus.Success)
        {
            Counters.OnMalformedStun();
            return;
        }

        PeerConnection? peer = null;
        bool hasUsername = message.TryGetAttribute(StunAttributeType.Username, out var username);
        if (hasUsername && IceUsername.TrySplit(username.Value, out var local, out _) && local.Length <= IceCredentials.UfragLength)
        {
            Span<char> ufrag = stackalloc char[local.Length];
            int chars = Encoding.ASCII.GetChars(local, ufrag);
            _byUfrag.GetAlternateLookup<ReadOnlySpan<char>>().TryGetValue(ufrag[..chars], out peer);
        }

        if (peer is null)
        {
            // Unknown username: 401 for a request that carries one, 400 for one that does not (RFC 5389 §10.1.2).
            Counters.OnUnknownUfrag();
            if (message.Class == StunMessageClass.Request && message.Method == StunMethod.Binding)
            {
                int length = IceBindingResponder.WriteError(message, hasUsername ? StunErrorCode.Unauthorized : StunErrorCode.BadRequest, _stunResponse);
                Send(_stunResponse.AsSpan(0, length), remote);
            }

            return;
        }

        peer.OnStun(message, remote, _stunResponse);
    }

    private static bool IsLoopback(SocketAddress address)
    {
        var bytes = address.Buffer.Span;
        if (address.Family == AddressFamily.InterNetwork)
        {
            return bytes[4] == 127;
        }

        if (address.Family == AddressFamily.InterNetworkV6 && bytes.Length >= 24)
        {
            var ip = bytes.Slice(8, 16);
            bool v4Mapped = ip[..10].IndexOfAnyExcept((byte)0) < 0 && ip[10] == 0xFF && ip[11] == 0xFF;
            return (ip[..15].IndexOfAnyExcept((byte)0) < 0 && ip[15] == 1) || (v4Mapped && ip[12] == 127);
        }

        return false;
    }
}
