namespace LiveKit.DevServer.Dtls;

/// <summary>Key and salt sizes of each <see cref="SrtpProfile"/>.</summary>
internal static class SrtpProfileExtensions
{
    /// <summary>The profiles we implement, most preferred first: GCM when the peer offers it (RFC 7714 §1),
    /// then AES-CM with the 80-bit tag, which every WebRTC endpoint supports (RFC 8827 §6.5).</summary>
    public static IReadOnlyList<SrtpProfile> DefaultPreference { get; } =
    [
        SrtpProfile.AeadAes256Gcm,
        SrtpProfile.AeadAes128Gcm,
        SrtpProfile.AesCm128HmacSha1Tag80,
        SrtpProfile.AesCm128HmacSha1Tag32,
    ];

    public static bool IsDefined(this SrtpProfile profile) => profile is SrtpProfile.AesCm128HmacSha1Tag80
        or SrtpProfile.AesCm128HmacSha1Tag32 or SrtpProfile.AeadAes128Gcm or SrtpProfile.AeadAes256Gcm;

    /// <summary>SRTP master key length in bytes (RFC 5764 §4.1.2; RFC 7714 §12).</summary>
    public static int MasterKeyLength(this SrtpProfile profile) => profile switch
    {
        SrtpProfile.AesCm128HmacSha1Tag80 or SrtpProfile.AesCm128HmacSha1Tag32 or SrtpProfile.AeadAes128Gcm => 16,
        SrtpProfile.AeadAes256Gcm => 32,
        _ => throw new ArgumentOutOfRangeException(nameof(profile), profile, "Unknown SRTP protection profile."),
    };

    /// <summary>SRTP master salt length in bytes: 112 bits for AES-CM (RFC 3711 §8.2), 96 bits for GCM (RFC 7714 §12).</summary>
    public static int MasterSaltLength(this SrtpProfile profile) => profile switch
    {
        SrtpProfile.AesCm128HmacSha1Tag80 or SrtpProfile.AesCm128HmacSha1Tag32 => 14,
        SrtpProfile.AeadAes128Gcm or SrtpProfile.AeadAes256Gcm => 12,
        _ => throw new ArgumentOutOfRangeException(nameof(profile), profile, "Unknown SRTP protection profile."),
    };

    /// <summary>Bytes to export with the "EXTRACTOR-dtls_srtp" label: both keys and both salts (RFC 5764 §4.2).</summary>
    public static int KeyingMaterialLength(this SrtpProfile profile) =>
        2 * (profile.MasterKeyLength() + profile.MasterSaltLength());
}
