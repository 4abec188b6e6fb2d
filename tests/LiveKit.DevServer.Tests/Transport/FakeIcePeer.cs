using System.Net;
using System.Net.Sockets;
using System.Security.Cryptography;
using System.Text;
using LiveKit.DevServer.Stun;

namespace LiveKit.DevServer.Tests.Transport;

/// <summary>
/// A controlling ICE agent on a loopback UDP socket that sends Binding requests the way Chromium does
/// (RFC 8445 §7.2.2), and raw junk, to a media transport under test.
/// </summary>
internal sealed class FakeIcePeer : IDisposable
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);
    private readonly UdpClient _socket = new(new IPEndPoint(IPAddress.Loopback, 0));
    private readonly IPEndPoint _server;

    public FakeIcePeer(IPEndPoint server) => _server = server;

    public IPEndPoint LocalEndPoint => (IPEndPoint)_socket.Client.LocalEndPoint!;

    public Task SendRawAsync(byte[] datagram) => _socket.SendAsync(datagram, _server).AsTask();

    /// <summary>Sends a check and returns the response; the transport handles datagrams in order, so everything sent
    /// before has been handled by then.</summary>
    public async Task<byte[]> CheckAsync(string username, string password, bool useCandidate = true)
    {
        var buffer = new byte[StunConstants.MaxMessageLength];
        var writer = new StunMessageWriter(buffer, StunMessageClass.Request, StunMethod.Binding, RandomNumberGenerator.GetBytes(12));
        writer.AddText(StunAttributeType.Username, username);
        writer.AddUInt32(StunAttributeType.Priority, 0x6e0001ff);
        writer.AddUInt64(StunAttributeType.IceControlling, 0x0102030405060708);
        if (useCandidate)
        {
            writer.AddEmpty(StunAttributeType.UseCandidate);
        }

        writer.AddMessageIntegrity(Encoding.ASCII.GetBytes(password));
        writer.AddFingerprint();
        await _socket.SendAsync(writer.Written.ToArray(), _server);
        using var timeout = new CancellationTokenSource(Patience);
        var result = await _socket.ReceiveAsync(timeout.Token);
        return result.Buffer;
    }

    public void Dispose() => _socket.Dispose();
}
