using System.Buffers.Binary;
using LiveKit.DevServer.Rtp;
using LiveKit.DevServer.Srtp;

namespace LiveKit.DevServer.Tests.Srtp;

public sealed class SrtpContextTests
{
    public static TheoryData<int> Profiles => new()
    {
        (int)SrtpProtectionProfile.Aes128CmHmacSha1_80,
        (int)SrtpProtectionProfile.Aes128CmHmacSha1_32,
        (int)SrtpProtectionProfile.AeadAes128Gcm,
        (int)SrtpProtectionProfile.AeadAes256Gcm,
    };

    [Theory]
    [MemberData(nameof(Profiles))]
    public void UnprotectRtp_ProtectedPacketWithCsrcExtensionPadding_RoundTrips(int profile)
    {
        using var pair = ContextPair.Create((SrtpProtectionProfile)profile);
        var plain = BuildRtp(seq: 1000, withCsrcAndExtension: true, payloadLength: 37, padding: 3);
        Assert.Equal(RtpParseStatus.Success, RtpHeader.TryParse(plain, out var header));

        var packet = Protect(pair.Sender, plain);
        Assert.NotEqual(Convert.ToHexString(plain, header.HeaderLength, 37), Convert.ToHexString(packet, header.HeaderLength, 37));
        Assert.Equal(Convert.ToHexString(plain, 0, header.HeaderLength), Convert.ToHexString(packet, 0, header.HeaderLength));

        Assert.Equal(SrtpStatus.Ok, pair.Receiver.UnprotectRtp(packet, out int length));
        Assert.Equal(Convert.ToHexString(plain), Convert.ToHexString(packet, 0, length));
    }

    [Theory]
    [MemberData(nameof(Profiles))]
    public void UnprotectRtp_AcrossSequenceWrap_FollowsRolloverCounter(int profile)
    {
        using var pair = ContextPair.Create((SrtpProtectionProfile)profile);
        for (int i = 0; i < 40; i++)
        {
            ushort seq = unchecked((ushort)(65520 + i));
            var plain = BuildRtp(seq, payloadLength: 20);
            var packet = Protect(pair.Sender, plain);
            Assert.Equal(SrtpStatus.Ok, pair.Receiver.UnprotectRtp(packet, out int length));
            Assert.Equal(Convert.ToHexString(plain), Convert.ToHexString(packet, 0, length));
        }

        // After the wrap the receiver's ROC is 1: a packet protected with ROC 0 for SEQ 30 no longer authenticates.
        using var stale = ContextPair.Create((SrtpProtectionProfile)profile);
        var old = Protect(stale.Sender, BuildRtp(30, payloadLength: 20));
        Assert.Equal(SrtpStatus.AuthenticationFailed, pair.Receiver.UnprotectRtp(old, out _));
    }

    [Theory]
    [MemberData(nameof(Profiles))]
    public void UnprotectRtp_TamperedHeaderPayloadOrTag_Rejected(int profile)
    {
        using var pair = ContextPair.Create((SrtpProtectionProfile)profile);
        var packet = Protect(pair.Sender, BuildRtp(7, payloadLength: 30));

        foreach (int position in new[] { 1, 12, 20, packet.Length - 1 })
        {
            var tampered = (byte[])packet.Clone();
            tampered[position] ^= 0x40;
            Assert.Equal(SrtpStatus.AuthenticationFailed, pair.Receiver.UnprotectRtp(tampered, out _));
        }

        // Failures leave the state alone: the genuine packet still authenticates.
        Assert.Equal(SrtpStatus.Ok, pair.Receiver.UnprotectRtp(packet, out _));
    }

    [Theory]
    [MemberData(nameof(Profiles))]
    public void UnprotectRtp_ReplayedOrTooOld_Rejected(int profile)
    {
        using var pair = ContextPair.Create((SrtpProtectionProfile)profile);
        var packets = Enumerable.Range(0, 100).Select(i => Protect(pair.Sender, BuildRtp((ushort)(500 + i), payloadLength: 10))).ToArray();

        Assert.Equal(SrtpStatus.Ok, pair.Receiver.UnprotectRtp((byte[])packets[50].Clone(), out _));
        Assert.Equal(SrtpStatus.ReplayDetected, pair.Receiver.UnprotectRtp((byte[])packets[50].Clone(), out _));

        // Reordered inside the 64-packet window: accepted once.
        Assert.Equal(SrtpStatus.Ok, pair.Receiver.UnprotectRtp((byte[])packets[40].Clone(), out _));
        Assert.Equal(SrtpStatus.ReplayDetected, pair.Receiver.UnprotectRtp((byte[])packets[40].Clone(), out _));

        Assert.Equal(SrtpStatus.Ok, pair.Receiver.UnprotectRtp((byte[])packets[99].Clone(), out _));
        // 99 - 30 = 69 packets back: outside the window.
        Assert.Equal(SrtpStatus.ReplayDetected, pair.Receiver.UnprotectRtp((byte[])packets[30].Clone(), out _));
        Assert.Equal(SrtpStatus.Ok, pair.Receiver.UnprotectRtp((byte[])packets[98].Clone(), out _));
    }

    [Theory]
    [MemberData(nameof(Profiles))]
    public void UnprotectRtcp_ProtectedCompound_RoundTripsAndRejectsReplayAndTamper(int profile)
    {
        using var pair = ContextPair.Create((SrtpProtectionProfile)profile);
        var plain = new byte[28 + 8];
        // SR header (RFC 3550 §6.4.1) with sender SSRC and sender info; then an empty RR.
        plain[0] = 0x80;
        plain[1] = 200;
        BinaryPrimitives.WriteUInt16BigEndian(plain.AsSpan(2), 6);
        BinaryPrimitives.WriteUInt32BigEndian(plain.AsSpan(4), 0xCAFEBABE);
        for (int i = 8; i < 28; i++)
        {
            plain[i] = (byte)i;
        }

        plain[28] = 0x80;
        plain[29] = 201;
        BinaryPrimitives.WriteUInt16BigEndian(plain.AsSpan(30), 1);
        BinaryPrimitives.WriteUInt32BigEndian(plain.AsSpan(32), 0xCAFEBABE);

        var first = ProtectRtcp(pair.Sender, plain);
        var second = ProtectRtcp(pair.Sender, plain);
        Assert.NotEqual(Convert.ToHexString(first), Convert.ToHexString(second)); // new SRTCP index, new keystream

        var tampered = (byte[])second.Clone();
        tampered[10] ^= 1;
        Assert.Equal(SrtpStatus.AuthenticationFailed, pair.Receiver.UnprotectRtcp(tampered, out _));

        Assert.Equal(SrtpStatus.Ok, pair.Receiver.UnprotectRtcp((byte[])second.Clone(), out int length));
        Assert.Equal(plain.Length, length);
        var copy = (byte[])first.Clone();
        Assert.Equal(SrtpStatus.Ok, pair.Receiver.UnprotectRtcp(copy, out length));
        Assert.Equal(Convert.ToHexString(plain), Convert.ToHexString(copy, 0, length));
        Assert.Equal(SrtpStatus.ReplayDetected, pair.Receiver.UnprotectRtcp((byte[])first.Clone(), out _));
    }

    [Theory]
    [MemberData(nameof(Profiles))]
    public void Unprotect_TooShort_Malformed(int profile)
    {
        using var pair = ContextPair.Create((SrtpProtectionProfile)profile);

        Assert.Equal(SrtpStatus.Malformed, pair.Receiver.UnprotectRtp(new byte[12], out _));
        Assert.Equal(SrtpStatus.Malformed, pair.Receiver.UnprotectRtcp(new byte[12], out _));
        Assert.Equal(SrtpStatus.Malformed, pair.Receiver.UnprotectRtp(new byte[] { 0x40, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0 }, out _));
    }

    [Fact]
    public void UnprotectRtp_ForgedPacketsFromManySsrcs_KeepNoStateAndStayBounded()
    {
        using var pair = ContextPair.Create(SrtpProtectionProfile.AeadAes128Gcm, maxStreams: 4);
        for (uint ssrc = 1; ssrc <= 100; ssrc++)
        {
            var forged = BuildRtp(1, payloadLength: 30, ssrc: ssrc);
            Assert.Equal(SrtpStatus.AuthenticationFailed, pair.Receiver.UnprotectRtp(forged, out _));
        }

        Assert.Equal(0, pair.Receiver.StreamCount);
        for (uint ssrc = 1; ssrc <= 4; ssrc++)
        {
            Assert.Equal(SrtpStatus.Ok, pair.Receiver.UnprotectRtp(Protect(pair.Sender, BuildRtp(1, payloadLength: 30, ssrc: ssrc)), out _));
        }

        Assert.Equal(SrtpStatus.TooManyStreams, pair.Receiver.UnprotectRtp(Protect(pair.Sender, BuildRtp(1, payloadLength: 30, ssrc: 5)), out _));
    }

    [Theory]
    [MemberData(nameof(Profiles))]
    public void ProtectAndUnprotect_Steady_DoNotAllocate(int profile)
    {
        using var pair = ContextPair.Create((SrtpProtectionProfile)profile);
        var buffer = new byte[1500];
        var plain = BuildRtp(1, payloadLength: 160);
        void RoundTrip(ushort seq)
        {
            plain.CopyTo(buffer, 0);
            BinaryPrimitives.WriteUInt16BigEndian(buffer.AsSpan(2), seq);
            pair.Sender.ProtectRtp(buffer, plain.Length, out int length);
            pair.Receiver.UnprotectRtp(buffer.AsSpan(0, length), out _);
        }

        for (ushort i = 0; i < 100; i++)
        {
            RoundTrip(i);
        }

        // Steady state: some round of 1,000 allocates nothing. The runtime's own tier-up bookkeeping can land on this
        // thread once; an allocation per packet would show in every round.
        long least = long.MaxValue;
        for (int round = 0; round < 5 && least > 0; round++)
        {
            long before = GC.GetAllocatedBytesForCurrentThread();
            for (int i = 0; i < 1000; i++)
            {
                RoundTrip((ushort)(100 + (round * 1000) + i));
            }

            least = Math.Min(least, GC.GetAllocatedBytesForCurrentThread() - before);
        }

        Assert.Equal(0, least);
    }

    [Fact]
    public void FromDtlsKeyingMaterial_Rfc5764Layout_SplitsClientAndServer()
    {
        var material = Enumerable.Range(0, 60).Select(i => (byte)i).ToArray();

        var (client, server) = SrtpMasterKeys.FromDtlsKeyingMaterial(SrtpProtectionProfile.Aes128CmHmacSha1_80, material);

        Assert.Equal(material[..16], client.Key);
        Assert.Equal(material[16..32], server.Key);
        Assert.Equal(material[32..46], client.Salt);
        Assert.Equal(material[46..60], server.Salt);
        Assert.Throws<ArgumentException>(() => SrtpMasterKeys.FromDtlsKeyingMaterial(SrtpProtectionProfile.AeadAes256Gcm, material));
    }

    private static byte[] Protect(SrtpContext context, byte[] plain)
    {
        var buffer = new byte[plain.Length + context.RtpOverhead];
        plain.CopyTo(buffer, 0);
        Assert.Equal(SrtpStatus.Ok, context.ProtectRtp(buffer, plain.Length, out int length));
        return buffer[..length];
    }

    private static byte[] ProtectRtcp(SrtpContext context, byte[] plain)
    {
        var buffer = new byte[plain.Length + context.RtcpOverhead];
        plain.CopyTo(buffer, 0);
        Assert.Equal(SrtpStatus.Ok, context.ProtectRtcp(buffer, plain.Length, out int length));
        return buffer[..length];
    }

    internal static byte[] BuildRtp(ushort seq, bool withCsrcAndExtension = false, int payloadLength = 20, int padding = 0, uint ssrc = 0x11223344)
    {
        var bytes = new List<byte>
        {
            (byte)(0x80 | (padding > 0 ? 0x20 : 0) | (withCsrcAndExtension ? 0x12 : 0)),
            111,
            (byte)(seq >> 8),
            (byte)seq,
            0, 0, 0x10, 0,
            (byte)(ssrc >> 24), (byte)(ssrc >> 16), (byte)(ssrc >> 8), (byte)ssrc,
        };
        if (withCsrcAndExtension)
        {
            bytes.AddRange([1, 2, 3, 4, 5, 6, 7, 8]);
            bytes.AddRange([0xBE, 0xDE, 0, 1, 0x10, 0xAA, 0xBB, 0]);
        }

        for (int i = 0; i < payloadLength; i++)
        {
            bytes.Add((byte)(i * 7));
        }

        for (int i = 1; i <= padding; i++)
        {
            bytes.Add(i == padding ? (byte)padding : (byte)0);
        }

        return [.. bytes];
    }

    private sealed class ContextPair : IDisposable
    {
        private ContextPair(SrtpContext sender, SrtpContext receiver)
        {
            Sender = sender;
            Receiver = receiver;
        }

        public SrtpContext Sender { get; }

        public SrtpContext Receiver { get; }

        public static ContextPair Create(SrtpProtectionProfile profile, int maxStreams = SrtpContext.DefaultMaxStreams)
        {
            var material = new byte[profile.KeyingMaterialLength()];
            new Random(42).NextBytes(material);
            var (client, _) = SrtpMasterKeys.FromDtlsKeyingMaterial(profile, material);
            return new ContextPair(new SrtpContext(profile, client), new SrtpContext(profile, client, maxStreams));
        }

        public void Dispose()
        {
            Sender.Dispose();
            Receiver.Dispose();
        }
    }
}
