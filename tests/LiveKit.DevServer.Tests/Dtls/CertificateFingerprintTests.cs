using System.Text;
using LiveKit.DevServer.Dtls;

namespace LiveKit.DevServer.Tests.Dtls;

public class CertificateFingerprintTests
{
    // FIPS 180-2 appendix B.1: SHA-256("abc").
    private const string AbcSha256 =
        "sha-256 BA:78:16:BF:8F:01:CF:EA:41:41:40:DE:5D:AE:22:23:B0:03:61:A3:96:17:7A:9C:B4:10:FF:61:F2:00:15:AD";

    [Fact]
    public void Compute_Sha256OfKnownInput_MatchesFipsVector()
    {
        var fingerprint = CertificateFingerprint.Compute("SHA-256", Encoding.ASCII.GetBytes("abc"));

        Assert.Equal("sha-256", fingerprint.Algorithm);
        Assert.Equal(AbcSha256, fingerprint.ToString());
    }

    [Fact]
    public void TryParse_SdpValue_RoundTripsAndMatchesTheHashedBytes()
    {
        Assert.True(CertificateFingerprint.TryParse(AbcSha256.ToLowerInvariant(), out var parsed));

        Assert.Equal(AbcSha256, parsed.ToString());
        Assert.True(parsed.Matches(Encoding.ASCII.GetBytes("abc")));
        Assert.False(parsed.Matches(Encoding.ASCII.GetBytes("abd")));
        Assert.Equal(CertificateFingerprint.Compute("sha-256", Encoding.ASCII.GetBytes("abc")), parsed);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("sha-256")]
    [InlineData("sha-256 BA:78")]
    [InlineData("sha-1 A9:99:3E:36:47:06:81:6A:BA:3E:25:71:78:50:C2:6C:9C:D0:D8:9D")]
    [InlineData("md5 00:11:22:33:44:55:66:77:88:99:AA:BB:CC:DD:EE:FF")]
    [InlineData("sha-256 BA-78-16-BF-8F-01-CF-EA-41-41-40-DE-5D-AE-22-23-B0-03-61-A3-96-17-7A-9C-B4-10-FF-61-F2-00-15-AD")]
    [InlineData("sha-256 ZZ:78:16:BF:8F:01:CF:EA:41:41:40:DE:5D:AE:22:23:B0:03:61:A3:96:17:7A:9C:B4:10:FF:61:F2:00:15:AD")]
    public void TryParse_MalformedOrWeakValue_IsRejected(string? value)
    {
        Assert.False(CertificateFingerprint.TryParse(value, out _));
    }
}
