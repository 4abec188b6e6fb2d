using Org.BouncyCastle.Tls;

namespace LiveKit.DevServer.Dtls;

/// <summary>
/// TLS 1.2 cipher suites we negotiate: ECDHE with our ECDSA certificate, AEAD first. Chromium and libwebrtc offer
/// all of these (RFC 8827 §6.5 requires TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256).
/// </summary>
internal static class DtlsCipherSuites
{
    public static int[] Preferred { get; } =
    [
        CipherSuite.TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256,
        CipherSuite.TLS_ECDHE_ECDSA_WITH_AES_256_GCM_SHA384,
        CipherSuite.TLS_ECDHE_ECDSA_WITH_CHACHA20_POLY1305_SHA256,
        CipherSuite.TLS_ECDHE_ECDSA_WITH_AES_128_CBC_SHA256,
        CipherSuite.TLS_ECDHE_ECDSA_WITH_AES_128_CBC_SHA,
        CipherSuite.TLS_ECDHE_ECDSA_WITH_AES_256_CBC_SHA,
    ];
}
