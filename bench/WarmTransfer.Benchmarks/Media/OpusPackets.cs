using System.Buffers.Binary;
using LiveKit.DevServer.Rtp;
using LiveKit.DevServer.Srtp;

namespace WarmTransfer.Benchmarks.Media;

/// <summary>
/// Opus-shaped RTP packets as Chromium sends them: 12-byte header, a one-byte header extension block with audio level
/// and mid (8 bytes), and a 120-byte payload (20 ms at ~48 kbit/s), payload type 111, 960 timestamp ticks apart.
/// </summary>
internal static class OpusPackets
{
    public const int PayloadLength = 120;
    public const int PacketLength = RtpHeader.FixedLength + 8 + PayloadLength;
    public const byte PayloadType = 111;

    public static byte[] Plain(uint ssrc, ushort sequence, uint timestamp, long stamp = 0)
    {
        var packet = new byte[PacketLength];
        RtpHeaderFields.WriteFixedHeader(packet, marker: false, PayloadType, sequence, timestamp, ssrc);
        packet[0] |= 0x10; // X: header extension present
        // RFC 8285 one-byte form: id 1 (audio level, 1 byte), id 4 (mid "0"), then padding.
        byte[] extension = [0xBE, 0xDE, 0x00, 0x01, 0x10, 0x9A, 0x40, (byte)'0'];
        extension.CopyTo(packet.AsSpan(12));
        var payload = packet.AsSpan(20);
        for (int i = 0; i < payload.Length; i++)
        {
            payload[i] = (byte)(i * 31);
        }

        BinaryPrimitives.WriteInt64LittleEndian(payload, stamp);
        return packet;
    }

    /// <summary>Reads the send timestamp written into the payload by <see cref="Plain"/>.</summary>
    public static long ReadStamp(ReadOnlySpan<byte> plainPacket) => BinaryPrimitives.ReadInt64LittleEndian(plainPacket[20..]);

    public static SrtpMasterKeys Keys(SrtpProtectionProfile profile, int seed)
    {
        var random = new Random(seed);
        var key = new byte[profile.KeyLength()];
        var salt = new byte[profile.SaltLength()];
        random.NextBytes(key);
        random.NextBytes(salt);
        return new SrtpMasterKeys(key, salt);
    }

    /// <summary>Protects <paramref name="plain"/> with <paramref name="context"/> into a new array.</summary>
    public static byte[] Protect(SrtpContext context, byte[] plain)
    {
        var buffer = new byte[plain.Length + context.RtpOverhead];
        plain.CopyTo(buffer, 0);
        if (context.ProtectRtp(buffer, plain.Length, out int length) != SrtpStatus.Ok)
        {
            throw new InvalidOperationException("protect failed");
        }

        return buffer[..length];
    }
}
