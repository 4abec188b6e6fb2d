namespace LiveKit.DevServer.Srtp;

/// <summary>
/// The transform of one profile family over one direction's session keys: encryption and authentication of SRTP
/// (RFC 3711 §3.1) and SRTCP (§3.4) packets in place. Index bookkeeping stays in <see cref="SrtpContext"/>.
/// Not thread-safe: the context serialises calls.
/// </summary>
internal abstract class SrtpCipher : IDisposable
{
    /// <summary>The E flag of the SRTCP trailer: set when the packet is encrypted (RFC 3711 §3.4).</summary>
    public const uint RtcpEncryptedFlag = 0x8000_0000;

    public const int RtcpTrailerLength = 4;

    public abstract int RtpTagLength { get; }

    public abstract int RtcpTagLength { get; }

    /// <summary>Encrypts the payload after <paramref name="headerLength"/> and appends the tag; returns the new length.</summary>
    public abstract int EncryptRtp(Span<byte> buffer, int length, int headerLength, uint ssrc, uint rolloverCounter, ushort sequence);

    /// <summary>Verifies the tag at the end of <paramref name="packet"/> and decrypts in place; false when the tag is wrong.</summary>
    public abstract bool DecryptRtp(Span<byte> packet, int headerLength, uint ssrc, uint rolloverCounter, ushort sequence);

    /// <summary>Encrypts after the first 8 bytes, appends E||SRTCP index and the tag; returns the new length.</summary>
    public abstract int EncryptRtcp(Span<byte> buffer, int length, uint ssrc, uint index);

    /// <summary>Reads E||SRTCP index from the trailer of a protected packet at least 8 + tag + 4 bytes long.</summary>
    public abstract uint ReadRtcpTrailer(ReadOnlySpan<byte> packet);

    /// <summary>Verifies and decrypts an SRTCP packet in place; <paramref name="plainLength"/> drops tag and trailer.</summary>
    public abstract bool DecryptRtcp(Span<byte> packet, uint ssrc, uint trailer, out int plainLength);

    public abstract void Dispose();
}
