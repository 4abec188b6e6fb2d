namespace LiveKit.DevServer.Srtp;

/// <summary>Key, salt and tag lengths of each profile (RFC 3711 §5, RFC 5764 §4.1.2, RFC 7714 §12).</summary>
internal static class SrtpProfileParameters
{
    public static bool IsAead(this SrtpProtectionProfile profile)
        => profile is SrtpProtectionProfile.AeadAes128Gcm or SrtpProtectionProfile.AeadAes256Gcm;

    /// <summary>Master and session encryption key length in bytes.</summary>
    public static int KeyLength(this SrtpProtectionProfile profile) => profile switch
    {
        SrtpProtectionProfile.Aes128CmHmacSha1_80 or SrtpProtectionProfile.Aes128CmHmacSha1_32 or SrtpProtectionProfile.AeadAes128Gcm => 16,
        SrtpProtectionProfile.AeadAes256Gcm => 32,
        _ => throw Unknown(profile),
    };

    /// <summary>Master and session salt length: 112 bits for AES-CM (RFC 3711 §8.2), 96 bits for GCM (RFC 7714 §12).</summary>
    public static int SaltLength(this SrtpProtectionProfile profile) => profile.IsAead() ? 12 : 14;

    /// <summary>HMAC-SHA1 session authentication key length; GCM has none (RFC 3711 §8.2).</summary>
    public static int AuthKeyLength(this SrtpProtectionProfile profile) => profile.IsAead() ? 0 : 20;

    /// <summary>SRTP authentication tag length: 80 or 32 bits of HMAC-SHA1, or the 16-byte GCM tag.</summary>
    public static int RtpTagLength(this SrtpProtectionProfile profile) => profile switch
    {
        SrtpProtectionProfile.Aes128CmHmacSha1_80 => 10,
        SrtpProtectionProfile.Aes128CmHmacSha1_32 => 4,
        SrtpProtectionProfile.AeadAes128Gcm or SrtpProtectionProfile.AeadAes256Gcm => 16,
        _ => throw Unknown(profile),
    };

    /// <summary>SRTCP tag length: SRTP_AES128_CM_HMAC_SHA1_32 still uses 80 bits for SRTCP (RFC 5764 §4.1.2).</summary>
    public static int RtcpTagLength(this SrtpProtectionProfile profile) => profile.IsAead() ? 16 : 10;

    /// <summary>Bytes of DTLS keying material for the profile: two keys and two salts (RFC 5764 §4.2).</summary>
    public static int KeyingMaterialLength(this SrtpProtectionProfile profile) => 2 * (profile.KeyLength() + profile.SaltLength());

    public static bool IsSupported(SrtpProtectionProfile profile) => Enum.IsDefined(profile);

    private static ArgumentOutOfRangeException Unknown(SrtpProtectionProfile profile)
        => new(nameof(profile), profile, "Unsupported SRTP protection profile.");
}
