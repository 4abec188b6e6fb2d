using System.Net;
using System.Net.Sockets;
using System.Security.Cryptography;
using System.Text;
using LiveKit.DevServer.Stun;

namespace WarmTransfer.Benchmarks.Media;

/// <summary>A loopback UDP socket that passes an ICE check against the media port, then sends and receives media.</summary>
internal sealed class BenchIcePeer : IDisposable
{
    public BenchIcePeer()
    {
        Socket = new Socket(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp) { ReceiveBufferSize = 1 << 20 };
        Socket.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        LocalAddress = ((IPEndPoint)Socket.LocalEndPoint!).Serialize();
    }

    public Socket Socket { get; }

    public SocketAddress LocalAddress { get; }

    /// <summary>A nominating Binding request (RFC 8445 §7.2.2) and its response, synchronously.</summary>
    public void Check(IPEndPoint server, string ufrag, string password)
    {
        var buffer = new byte[StunConstants.MaxMessageLength];
        var writer = new StunMessageWriter(buffer, StunMessageClass.Request, StunMethod.Binding, RandomNumberGenerator.GetBytes(12));
        writer.AddText(StunAttributeType.Username, ufrag + ":bench");
        writer.AddUInt32(StunAttributeType.Priority, 0x6e0001ff);
        writer.AddUInt64(StunAttributeType.IceControlling, 1);
        writer.AddEmpty(StunAttributeType.UseCandidate);
        writer.AddMessageIntegrity(Encoding.ASCII.GetBytes(password));
        writer.AddFingerprint();
        Socket.SendTo(writer.Written, server);
        Socket.ReceiveTimeout = 10_000;
        var response = new byte[1500];
        int length = Socket.Receive(response);
        if (StunMessage.TryParse(response.AsSpan(0, length), out var message, out _) != StunParseStatus.Success || message.Class != StunMessageClass.SuccessResponse)
        {
            throw new InvalidOperationException("ICE check failed");
        }

        Socket.ReceiveTimeout = 0;
    }

    public void Dispose() => Socket.Dispose();
}
