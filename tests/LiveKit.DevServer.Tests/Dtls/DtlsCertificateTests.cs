using LiveKit.DevServer.Dtls;
using Microsoft.Extensions.Time.Testing;
using Org.BouncyCastle.Asn1.Sec;
using Org.BouncyCastle.Crypto.Parameters;
using Org.BouncyCastle.X509;

namespace LiveKit.DevServer.Tests.Dtls;

public class DtlsCertificateTests
{
    [Fact]
    public void Generate_SelfSignedEcdsaP256_WithSha256FingerprintOfTheDer()
    {
        var time = new FakeTimeProvider(new DateTimeOffset(2030, 5, 6, 7, 8, 9, TimeSpan.Zero));

        var certificate = DtlsCertificate.Generate(time);
        var parsed = new X509CertificateParser().ReadCertificate(certificate.Der.ToArray());

        var key = Assert.IsType<ECPublicKeyParameters>(parsed.GetPublicKey());
        Assert.Equal(SecObjectIdentifiers.SecP256r1, key.PublicKeyParamSet);
        parsed.Verify(parsed.GetPublicKey()); // self-signed: throws if the signature is wrong
        Assert.Equal("SHA-256withECDSA", parsed.SigAlgName);
        Assert.True(parsed.IsValid(time.GetUtcNow().UtcDateTime));
        Assert.Equal(CertificateFingerprint.Compute("sha-256", certificate.Der), certificate.Fingerprint);
    }

    [Fact]
    public void Generate_Twice_GivesDistinctKeysAndFingerprints()
    {
        var a = DtlsCertificate.Generate(TimeProvider.System);
        var b = DtlsCertificate.Generate(TimeProvider.System);

        Assert.NotEqual(a.Fingerprint, b.Fingerprint);
    }
}
