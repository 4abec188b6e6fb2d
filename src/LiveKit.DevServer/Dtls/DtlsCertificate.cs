using Org.BouncyCastle.Asn1.Sec;
using Org.BouncyCastle.Asn1.X509;
using Org.BouncyCastle.Crypto;
using Org.BouncyCastle.Crypto.Generators;
using Org.BouncyCastle.Crypto.Operators;
using Org.BouncyCastle.Crypto.Parameters;
using Org.BouncyCastle.Math;
using Org.BouncyCastle.Security;
using Org.BouncyCastle.Tls;
using Org.BouncyCastle.Tls.Crypto;
using Org.BouncyCastle.Tls.Crypto.Impl.BC;
using Org.BouncyCastle.X509;

namespace LiveKit.DevServer.Dtls;

/// <summary>
/// The self-signed ECDSA P-256 certificate our DTLS endpoints present. WebRTC authenticates it by the fingerprint
/// in SDP, not by a CA (RFC 8827 §6.5), so one certificate is generated per server process and shared by every
/// connection; its <see cref="Fingerprint"/> goes into every <c>a=fingerprint</c> line.
/// </summary>
/// <remarks>Immutable and thread-safe. Holds the private key: never log or serialise it.</remarks>
internal sealed class DtlsCertificate
{
    /// <summary>Certificates are short-lived by design (RFC 8827 §6.5 recommends fresh ones); a year covers any process.</summary>
    private static readonly TimeSpan Validity = TimeSpan.FromDays(365);

    private readonly byte[] _der;

    private DtlsCertificate(byte[] der, AsymmetricKeyParameter privateKey)
    {
        _der = der;
        PrivateKey = privateKey;
        Fingerprint = CertificateFingerprint.Compute("sha-256", der);
    }

    /// <summary>sha-256 fingerprint of the DER certificate, for SDP <c>a=fingerprint</c>.</summary>
    public CertificateFingerprint Fingerprint { get; }

    /// <summary>DER encoding of the certificate.</summary>
    public ReadOnlySpan<byte> Der => _der;

    internal AsymmetricKeyParameter PrivateKey { get; }

    /// <summary>Generates a fresh key pair and self-signed certificate (a few milliseconds).</summary>
    public static DtlsCertificate Generate(TimeProvider timeProvider)
    {
        ArgumentNullException.ThrowIfNull(timeProvider);
        var random = new SecureRandom();
        var keyGenerator = new ECKeyPairGenerator("EC");
        keyGenerator.Init(new ECKeyGenerationParameters(SecObjectIdentifiers.SecP256r1, random));
        AsymmetricCipherKeyPair keyPair = keyGenerator.GenerateKeyPair();

        // RFC 5280 §4.1.2.2: a positive serial number of at most 20 bytes.
        var serial = new BigInteger(64, random).Add(BigInteger.One);
        var name = new X509Name("CN=LiveKit.DevServer");
        DateTime now = timeProvider.GetUtcNow().UtcDateTime;

        var generator = new X509V3CertificateGenerator();
        generator.SetSerialNumber(serial);
        generator.SetIssuerDN(name);
        generator.SetSubjectDN(name);
        // Back-dated a day so a peer with a slightly slow clock still accepts it.
        generator.SetNotBefore(now.AddDays(-1));
        generator.SetNotAfter(now.Add(Validity));
        generator.SetPublicKey(keyPair.Public);
        X509Certificate certificate = generator.Generate(
            new Asn1SignatureFactory("SHA256WITHECDSA", keyPair.Private, random));

        return new DtlsCertificate(certificate.GetEncoded(), keyPair.Private);
    }

    /// <summary>The certificate chain (of one) in BouncyCastle's TLS form, bound to <paramref name="crypto"/>.</summary>
    internal Certificate ToTlsCertificate(BcTlsCrypto crypto) =>
        new([new BcTlsCertificate(crypto, _der)]);

    /// <summary>Signing credentials for the handshake: ECDSA with SHA-256 (TLS 1.2 ecdsa_secp256r1_sha256).</summary>
    internal TlsCredentialedSigner CreateSigner(TlsContext context, BcTlsCrypto crypto) =>
        new BcDefaultTlsCredentialedSigner(new TlsCryptoParameters(context), crypto, PrivateKey,
            ToTlsCertificate(crypto), new SignatureAndHashAlgorithm(HashAlgorithm.sha256, SignatureAlgorithm.ecdsa));
}
