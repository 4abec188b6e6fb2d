namespace LiveKit.DevServer.Dtls;

/// <summary>
/// SRTP protection profiles negotiated by the DTLS use_srtp extension. Values are the IANA code points:
/// RFC 5764 §4.1.2 (AES-CM with HMAC-SHA1) and RFC 7714 §14.2 (AEAD AES-GCM).
/// </summary>
internal enum SrtpProfile : ushort
{
    /// <summary>SRTP_AES128_CM_HMAC_SHA1_80: 128-bit key, 112-bit salt, 80-bit auth tag.</summary>
    AesCm128HmacSha1Tag80 = 0x0001,

    /// <summary>SRTP_AES128_CM_HMAC_SHA1_32: as above with a 32-bit RTP auth tag (SRTCP keeps 80 bits).</summary>
    AesCm128HmacSha1Tag32 = 0x0002,

    /// <summary>SRTP_AEAD_AES_128_GCM: 128-bit key, 96-bit salt, 128-bit tag.</summary>
    AeadAes128Gcm = 0x0007,

    /// <summary>SRTP_AEAD_AES_256_GCM: 256-bit key, 96-bit salt, 128-bit tag.</summary>
    AeadAes256Gcm = 0x0008,
}
