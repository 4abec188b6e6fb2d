using System.Net;
using System.Net.Sockets;
using System.Text.RegularExpressions;
using LiveKit.DevServer.DataChannels;
using LiveKit.DevServer.Dtls;
using LiveKit.DevServer.Ice;
using LiveKit.DevServer.Sctp;
using LiveKit.DevServer.Stun;
using Microsoft.Extensions.Logging.Abstractions;

namespace LiveKit.DevServer.Tests.DataChannels;

/// <summary>
/// A data-channel-only WebRTC endpoint for tests against real browsers: a UDP socket on 127.0.0.1, the ICE-lite
/// agent (STUN answers), our DTLS server and the <see cref="DataChannelTransport"/> on top, and a hand-written SDP
/// answer with one m=application section (RFC 8841). It stands in for the server's PeerConnection so the data-channel
/// layers can be checked against Chromium on their own.
/// </summary>
internal sealed partial class LoopbackDataChannelPeer : IAsyncDisposable
{
    private readonly Socket _socket = new(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp);
    private readonly IceLiteAgent _ice;
    private readonly DtlsCertificate _certificate = DtlsCertificate.Generate(TimeProvider.System);
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _receiveLoop;
    private DtlsConnection? _dtls;

    public LoopbackDataChannelPeer()
    {
        _socket.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        _ice = new IceLiteAgent(IceCredentials.Generate(), new IceLiteAgentOptions(), TimeProvider.System);
        _receiveLoop = Task.Run(ReceiveLoopAsync);
    }

    public IPEndPoint LocalEndPoint => (IPEndPoint)_socket.LocalEndPoint!;

    public DataChannelTransport? Transport { get; private set; }

    /// <summary>The first SCTP packet the peer sent (its INIT), as captured off the DTLS connection.</summary>
    public byte[]? FirstSctpPacket { get; private set; }

    /// <summary>Answers a browser's offer with a data-channel section; DTLS passive (we are the DTLS server).</summary>
    public string Answer(string offer)
    {
        string mid = Attribute(offer, "mid");
        string ufrag = Attribute(offer, "ice-ufrag");
        Assert.True(CertificateFingerprint.TryParse(Attribute(offer, "fingerprint"), out CertificateFingerprint? fingerprint));
        _ice.SetRemoteUfrag(ufrag);

        _dtls = new DtlsConnection(DtlsRole.Server, _certificate, fingerprint, new Sender(this), new DtlsOptions(),
            TimeProvider.System, NullLogger.Instance);
        _dtls.ApplicationDataReceived += data => FirstSctpPacket ??= data.ToArray();
        Transport = new DataChannelTransport(_dtls, new SctpOptions(), TimeProvider.System, NullLogger.Instance);
        _dtls.Start();

        return string.Join("\r\n",
            "v=0",
            "o=- 4242 2 IN IP4 127.0.0.1",
            "s=-",
            "t=0 0",
            $"a=group:BUNDLE {mid}",
            "a=ice-lite",
            "m=application 9 UDP/DTLS/SCTP webrtc-datachannel",
            "c=IN IP4 0.0.0.0",
            $"a=mid:{mid}",
            $"a=ice-ufrag:{_ice.LocalCredentials.Ufrag}",
            $"a=ice-pwd:{_ice.LocalCredentials.Password}",
            $"a=fingerprint:{_certificate.Fingerprint}",
            "a=setup:passive",
            "a=sctp-port:5000",
            "a=max-message-size:262144",
            $"a=candidate:1 1 udp 2130706431 127.0.0.1 {LocalEndPoint.Port} typ host",
            "a=end-of-candidates",
            "");
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        _socket.Dispose();
        try
        {
            await _receiveLoop;
        }
        catch (OperationCanceledException)
        {
        }

        Transport?.Dispose();
        if (_dtls is not null)
        {
            await _dtls.DisposeAsync();
        }

        _ice.Dispose();
        _stop.Dispose();
    }

    private static string Attribute(string sdp, string name)
    {
        Match match = Regex.Match(sdp, $"^a={Regex.Escape(name)}:(.+?)\\r?$", RegexOptions.Multiline);
        Assert.True(match.Success, $"the offer has no a={name}");
        return match.Groups[1].Value.Trim();
    }

    private async Task ReceiveLoopAsync()
    {
        byte[] buffer = new byte[2048];
        byte[] response = new byte[StunConstants.MaxMessageLength];
        EndPoint any = new IPEndPoint(IPAddress.Any, 0);
        while (!_stop.IsCancellationRequested)
        {
            SocketReceiveFromResult received;
            try
            {
                received = await _socket.ReceiveFromAsync(buffer, SocketFlags.None, any, _stop.Token);
            }
            catch (Exception ex) when (ex is OperationCanceledException or ObjectDisposedException or SocketException)
            {
                return;
            }

            var remote = (IPEndPoint)received.RemoteEndPoint;
            ReadOnlySpan<byte> datagram = buffer.AsSpan(0, received.ReceivedBytes);
            if (datagram.IsEmpty)
            {
                continue;
            }

            if (datagram[0] < 4)
            {
                // RFC 7983: STUN.
                if (StunMessage.TryParse(datagram, out StunMessage message, out _) == StunParseStatus.Success
                    && _ice.HandleRequest(message, remote, response, out int length) != IceCheckOutcome.Ignored)
                {
                    _socket.SendTo(response.AsSpan(0, length), SocketFlags.None, remote);
                }
            }
            else if (DtlsRecordHeader.IsDtlsFirstByte(datagram[0]) && _ice.IsValidated(remote))
            {
                _dtls?.ReceiveDatagram(datagram);
            }
        }
    }

    private sealed class Sender(LoopbackDataChannelPeer owner) : IDatagramSender
    {
        public void Send(ReadOnlySpan<byte> datagram)
        {
            if (owner._ice.SelectedEndPoint is IPEndPoint remote)
            {
                try
                {
                    owner._socket.SendTo(datagram, SocketFlags.None, remote);
                }
                catch (ObjectDisposedException)
                {
                }
            }
        }
    }
}
