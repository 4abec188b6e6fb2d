using LiveKit.DevServer.Dtls;

namespace LiveKit.DevServer.Tests.Dtls;

public class SrtpKeyingMaterialTests
{
    [Theory]
    [InlineData(0x0001, 16, 14)]
    [InlineData(0x0002, 16, 14)]
    [InlineData(0x0007, 16, 12)]
    [InlineData(0x0008, 32, 12)]
    public void FromExporterOutput_SplitsPerRfc5764Section4_2(int profileCode, int keyLength, int saltLength)
    {
        var profile = (SrtpProfile)profileCode;
        byte[] material = Enumerable.Range(0, 2 * (keyLength + saltLength)).Select(i => (byte)i).ToArray();

        var keys = SrtpKeyingMaterial.FromExporterOutput(profile, DtlsRole.Server, material);

        // client_write_key | server_write_key | client_write_salt | server_write_salt
        Assert.Equal(material[..keyLength], keys.ClientWriteKey.ToArray());
        Assert.Equal(material[keyLength..(2 * keyLength)], keys.ServerWriteKey.ToArray());
        Assert.Equal(material[(2 * keyLength)..((2 * keyLength) + saltLength)], keys.ClientWriteSalt.ToArray());
        Assert.Equal(material[((2 * keyLength) + saltLength)..], keys.ServerWriteSalt.ToArray());
    }

    [Fact]
    public void LocalAndRemote_FollowTheRole()
    {
        byte[] material = Enumerable.Range(0, 60).Select(i => (byte)i).ToArray();
        var server = SrtpKeyingMaterial.FromExporterOutput(SrtpProfile.AesCm128HmacSha1Tag80, DtlsRole.Server, material);
        var client = SrtpKeyingMaterial.FromExporterOutput(SrtpProfile.AesCm128HmacSha1Tag80, DtlsRole.Client, material);

        Assert.Equal(server.ServerWriteKey.ToArray(), server.LocalMasterKey.ToArray());
        Assert.Equal(server.ServerWriteSalt.ToArray(), server.LocalMasterSalt.ToArray());
        Assert.Equal(server.ClientWriteKey.ToArray(), server.RemoteMasterKey.ToArray());
        Assert.Equal(server.ClientWriteSalt.ToArray(), server.RemoteMasterSalt.ToArray());
        Assert.Equal(server.LocalMasterKey.ToArray(), client.RemoteMasterKey.ToArray());
        Assert.Equal(server.RemoteMasterSalt.ToArray(), client.LocalMasterSalt.ToArray());
    }

    [Fact]
    public void FromExporterOutput_WrongLength_Throws()
    {
        Assert.Throws<ArgumentException>(() =>
            SrtpKeyingMaterial.FromExporterOutput(SrtpProfile.AeadAes256Gcm, DtlsRole.Client, new byte[60]));
    }
}
