using System.Buffers.Binary;
using System.Security.Cryptography;

namespace LiveKit.DevServer.Srtp;

/// <summary>
/// AEAD_AES_128_GCM and AEAD_AES_256_GCM for SRTP and SRTCP (RFC 7714): 12-byte IV from salt, SSRC, ROC and SEQ
/// (§8.1), the RTP header as associated data (§8.2), a 16-byte tag; for SRTCP the first 8 bytes and E||index as
/// associated data and the trailer after the tag (§9).
/// </summary>
internal sealed class SrtpAeadAesGcmCipher : SrtpCipher
{
    private const int TagLength = 16;
    private const int IvLength = 12;
    private readonly AesGcm _rtp;
    private readonly AesGcm _rtcp;
    private readonly byte[] _rtpSalt;
    private readonly byte[] _rtcpSalt;

    public SrtpAeadAesGcmCipher(SrtpSessionKeys keys)
    {
        ArgumentNullException.ThrowIfNull(keys);
        _rtp = new AesGcm(keys.RtpKey, TagLength);
        _rtcp = new AesGcm(keys.RtcpKey, TagLength);
        _rtpSalt = keys.RtpSalt;
        _rtcpSalt = keys.RtcpSalt;
    }

    public override int RtpTagLength => TagLength;

    public override int RtcpTagLength => TagLength;

    public override int EncryptRtp(Span<byte> buffer, int length, int headerLength, uint ssrc, uint rolloverCounter, ushort sequence)
    {
        Span<byte> iv = stackalloc byte[IvLength];
        BuildIv(_rtpSalt, ssrc, rolloverCounter, sequence, iv);
        var payload = buffer[headerLength..length];
        _rtp.Encrypt(iv, payload, payload, buffer.Slice(length, TagLength), buffer[..headerLength]);
        return length + TagLength;
    }

    public override bool DecryptRtp(Span<byte> packet, int headerLength, uint ssrc, uint rolloverCounter, ushort sequence)
    {
        Span<byte> iv = stackalloc byte[IvLength];
        BuildIv(_rtpSalt, ssrc, rolloverCounter, sequence, iv);
        int end = packet.Length - TagLength;
        var payload = packet[headerLength..end];
        try
        {
            _rtp.Decrypt(iv, payload, packet[end..], payload, packet[..headerLength]);
            return true;
        }
        catch (AuthenticationTagMismatchException)
        {
            return false;
        }
    }

    public override int EncryptRtcp(Span<byte> buffer, int length, uint ssrc, uint index)
    {
        uint trailer = RtcpEncryptedFlag | index;
        Span<byte> iv = stackalloc byte[IvLength];
        BuildRtcpIv(ssrc, index, iv);
        Span<byte> aad = stackalloc byte[8 + RtcpTrailerLength];
        buffer[..8].CopyTo(aad);
        BinaryPrimitives.WriteUInt32BigEndian(aad[8..], trailer);
        var payload = buffer[8..length];
        _rtcp.Encrypt(iv, payload, payload, buffer.Slice(length, TagLength), aad);
        BinaryPrimitives.WriteUInt32BigEndian(buffer[(length + TagLength)..], trailer);
        return length + TagLength + RtcpTrailerLength;
    }

    public override uint ReadRtcpTrailer(ReadOnlySpan<byte> packet) => BinaryPrimitives.ReadUInt32BigEndian(packet[^RtcpTrailerLength..]);

    public override bool DecryptRtcp(Span<byte> packet, uint ssrc, uint trailer, out int plainLength)
    {
        plainLength = packet.Length - TagLength - RtcpTrailerLength;
        var tag = packet.Slice(plainLength, TagLength);
        Span<byte> iv = stackalloc byte[IvLength];
        BuildRtcpIv(ssrc, trailer & ~RtcpEncryptedFlag, iv);
        try
        {
            if ((trailer & RtcpEncryptedFlag) != 0)
            {
                Span<byte> aad = stackalloc byte[8 + RtcpTrailerLength];
                packet[..8].CopyTo(aad);
                BinaryPrimitives.WriteUInt32BigEndian(aad[8..], trailer);
                var payload = packet[8..plainLength];
                _rtcp.Decrypt(iv, payload, tag, payload, aad);
            }
            else
            {
                // RFC 7714 §9.2: unencrypted SRTCP authenticates the whole packet and the trailer as AAD.
                if (plainLength + RtcpTrailerLength > 1500)
                {
                    return false;
                }

                Span<byte> aad = stackalloc byte[plainLength + RtcpTrailerLength];
                packet[..plainLength].CopyTo(aad);
                BinaryPrimitives.WriteUInt32BigEndian(aad[plainLength..], trailer);
                _rtcp.Decrypt(iv, [], tag, [], aad);
            }

            return true;
        }
        catch (AuthenticationTagMismatchException)
        {
            return false;
        }
    }

    public override void Dispose()
    {
        _rtp.Dispose();
        _rtcp.Dispose();
    }

    /// <summary>IV = (00 00 || SSRC || ROC || SEQ) XOR salt (RFC 7714 §8.1).</summary>
    private static void BuildIv(ReadOnlySpan<byte> salt, uint ssrc, uint rolloverCounter, ushort sequence, Span<byte> iv)
    {
        iv[0] = 0;
        iv[1] = 0;
        BinaryPrimitives.WriteUInt32BigEndian(iv[2..], ssrc);
        BinaryPrimitives.WriteUInt32BigEndian(iv[6..], rolloverCounter);
        BinaryPrimitives.WriteUInt16BigEndian(iv[10..], sequence);
        SrtpXor.Apply(iv, salt);
    }

    /// <summary>IV = (00 00 || SSRC || 00 00 || 0 || SRTCP index) XOR salt (RFC 7714 §9.1).</summary>
    private void BuildRtcpIv(uint ssrc, uint index, Span<byte> iv)
    {
        iv[0] = 0;
        iv[1] = 0;
        BinaryPrimitives.WriteUInt32BigEndian(iv[2..], ssrc);
        iv[6] = 0;
        iv[7] = 0;
        BinaryPrimitives.WriteUInt32BigEndian(iv[8..], index & ~RtcpEncryptedFlag);
        SrtpXor.Apply(iv, _rtcpSalt);
    }
}
