using System.Buffers.Binary;
using System.Security.Cryptography;

namespace LiveKit.DevServer.Srtp;

/// <summary>
/// AES_CM_128 encryption with HMAC-SHA1 authentication (RFC 3711 §4.1.1, §4.2.1), 80- or 32-bit SRTP tags and an
/// 80-bit SRTCP tag (RFC 5764 §4.1.2).
/// </summary>
internal sealed class SrtpAesCmHmacSha1Cipher : SrtpCipher
{
    private const int Sha1Length = 20;
    private readonly AesCounterMode _rtpCtr;
    private readonly AesCounterMode _rtcpCtr;
    private readonly IncrementalHash _rtpMac;
    private readonly IncrementalHash _rtcpMac;
    private readonly byte[] _rtpSalt;
    private readonly byte[] _rtcpSalt;

    public SrtpAesCmHmacSha1Cipher(SrtpProtectionProfile profile, SrtpSessionKeys keys)
    {
        ArgumentNullException.ThrowIfNull(keys);
        RtpTagLength = profile.RtpTagLength();
        RtcpTagLength = profile.RtcpTagLength();
        _rtpCtr = new AesCounterMode(keys.RtpKey);
        _rtcpCtr = new AesCounterMode(keys.RtcpKey);
        _rtpMac = IncrementalHash.CreateHMAC(HashAlgorithmName.SHA1, keys.RtpAuthKey);
        _rtcpMac = IncrementalHash.CreateHMAC(HashAlgorithmName.SHA1, keys.RtcpAuthKey);
        _rtpSalt = keys.RtpSalt;
        _rtcpSalt = keys.RtcpSalt;
    }

    public override int RtpTagLength { get; }

    public override int RtcpTagLength { get; }

    public override int EncryptRtp(Span<byte> buffer, int length, int headerLength, uint ssrc, uint rolloverCounter, ushort sequence)
    {
        Span<byte> iv = stackalloc byte[16];
        BuildIv(_rtpSalt, ssrc, SrtpIndexEstimator.Index(rolloverCounter, sequence), iv);
        _rtpCtr.Transform(iv, buffer[headerLength..length]);
        RtpTag(buffer[..length], rolloverCounter, buffer.Slice(length, RtpTagLength));
        return length + RtpTagLength;
    }

    public override bool DecryptRtp(Span<byte> packet, int headerLength, uint ssrc, uint rolloverCounter, ushort sequence)
    {
        int authenticated = packet.Length - RtpTagLength;
        Span<byte> tag = stackalloc byte[RtpTagLength];
        RtpTag(packet[..authenticated], rolloverCounter, tag);
        if (!CryptographicOperations.FixedTimeEquals(tag, packet[authenticated..]))
        {
            return false;
        }

        Span<byte> iv = stackalloc byte[16];
        BuildIv(_rtpSalt, ssrc, SrtpIndexEstimator.Index(rolloverCounter, sequence), iv);
        _rtpCtr.Transform(iv, packet[headerLength..authenticated]);
        return true;
    }

    public override int EncryptRtcp(Span<byte> buffer, int length, uint ssrc, uint index)
    {
        Span<byte> iv = stackalloc byte[16];
        BuildIv(_rtcpSalt, ssrc, index, iv);
        _rtcpCtr.Transform(iv, buffer[8..length]);
        BinaryPrimitives.WriteUInt32BigEndian(buffer[length..], RtcpEncryptedFlag | index);
        int authenticated = length + RtcpTrailerLength;
        RtcpTag(buffer[..authenticated], buffer.Slice(authenticated, RtcpTagLength));
        return authenticated + RtcpTagLength;
    }

    public override uint ReadRtcpTrailer(ReadOnlySpan<byte> packet)
        => BinaryPrimitives.ReadUInt32BigEndian(packet[(packet.Length - RtcpTagLength - RtcpTrailerLength)..]);

    public override bool DecryptRtcp(Span<byte> packet, uint ssrc, uint trailer, out int plainLength)
    {
        // RFC 3711 §3.4: the tag covers header, (encrypted) payload and E||index.
        int authenticated = packet.Length - RtcpTagLength;
        plainLength = authenticated - RtcpTrailerLength;
        Span<byte> tag = stackalloc byte[RtcpTagLength];
        RtcpTag(packet[..authenticated], tag);
        if (!CryptographicOperations.FixedTimeEquals(tag, packet[authenticated..]))
        {
            return false;
        }

        if ((trailer & RtcpEncryptedFlag) != 0)
        {
            Span<byte> iv = stackalloc byte[16];
            BuildIv(_rtcpSalt, ssrc, trailer & ~RtcpEncryptedFlag, iv);
            _rtcpCtr.Transform(iv, packet[8..plainLength]);
        }

        return true;
    }

    public override void Dispose()
    {
        _rtpCtr.Dispose();
        _rtcpCtr.Dispose();
        _rtpMac.Dispose();
        _rtcpMac.Dispose();
    }

    /// <summary>IV = (k_s * 2^16) XOR (SSRC * 2^64) XOR (i * 2^16) (RFC 3711 §4.1.1).</summary>
    private static void BuildIv(ReadOnlySpan<byte> salt, uint ssrc, ulong index, Span<byte> iv)
    {
        iv.Clear();
        salt.CopyTo(iv);
        BinaryPrimitives.WriteUInt32BigEndian(iv[4..], BinaryPrimitives.ReadUInt32BigEndian(iv[4..]) ^ ssrc);
        iv[8] ^= (byte)(index >> 40);
        iv[9] ^= (byte)(index >> 32);
        iv[10] ^= (byte)(index >> 24);
        iv[11] ^= (byte)(index >> 16);
        iv[12] ^= (byte)(index >> 8);
        iv[13] ^= (byte)index;
    }

    /// <summary>Authentication tag = HMAC-SHA1(k_a, authenticated portion || ROC), truncated (RFC 3711 §4.2).</summary>
    private void RtpTag(ReadOnlySpan<byte> authenticated, uint rolloverCounter, Span<byte> tag)
    {
        Span<byte> roc = stackalloc byte[4];
        BinaryPrimitives.WriteUInt32BigEndian(roc, rolloverCounter);
        Span<byte> hash = stackalloc byte[Sha1Length];
        _rtpMac.AppendData(authenticated);
        _rtpMac.AppendData(roc);
        _rtpMac.GetHashAndReset(hash);
        hash[..tag.Length].CopyTo(tag);
    }

    private void RtcpTag(ReadOnlySpan<byte> authenticated, Span<byte> tag)
    {
        Span<byte> hash = stackalloc byte[Sha1Length];
        _rtcpMac.AppendData(authenticated);
        _rtcpMac.GetHashAndReset(hash);
        hash[..tag.Length].CopyTo(tag);
    }
}
