using LiveKit.DevServer.Srtp;
using LiveKit.DevServer.Tests.TestSupport;

namespace LiveKit.DevServer.Tests.Srtp;

/// <summary>Published vectors: RFC 3711 App. B.2/B.3, RFC 6188 §7.1/§7.2 (AES-256 PRF), RFC 7714 §16-17.</summary>
public sealed class SrtpRfcVectorTests
{
    [Theory]
    // RFC 3711 B.2: AES-CM keystream for session key / IV F0F1..FCFD0000 (SSRC 0, index 0).
    [InlineData("2B7E151628AED2A6ABF7158809CF4F3C", "E03EAD0935C95E80E166B16DD92B4EB4 D23513162B02D0F72A43A2FE4A5F97AB 41E95B3BB0A2E8DD477901E4FCA894C0")]
    // RFC 6188 §7.1: the same with AES-256.
    [InlineData("57f82fe3613fd170a85ec93c40b1f0922ec4cb0dc025b58272147cc438944a98", "92bdd28a93c3f52511c677d08b5515a4 9da71b2378a854f67050756ded165bac 63c4868b7096d88421b563b8c94c9a31")]
    public void AesCounterMode_AppendixB2Keystream_MatchesByteForByte(string key, string keystream)
    {
        var iv = Hex.Bytes("F0F1F2F3F4F5F6F7F8F9FAFBFCFD0000");
        var expected = Hex.Bytes(keystream);
        var data = new byte[expected.Length];
        using var ctr = new AesCounterMode(Hex.Bytes(key));

        ctr.Transform(iv, data);

        Assert.Equal(Convert.ToHexString(expected), Convert.ToHexString(data));
    }

    [Fact]
    public void ProtectRtp_AppendixB2SessionKeys_EncryptsZerosToKeystream()
    {
        // The B.2 keystream is what an all-zero payload of SSRC 0, SEQ 0, ROC 0 encrypts to.
        var keys = new SrtpSessionKeys(
            Hex.Bytes("2B7E151628AED2A6ABF7158809CF4F3C"), new byte[20], Hex.Bytes("F0F1F2F3F4F5F6F7F8F9FAFBFCFD"),
            Hex.Bytes("2B7E151628AED2A6ABF7158809CF4F3C"), new byte[20], Hex.Bytes("F0F1F2F3F4F5F6F7F8F9FAFBFCFD"));
        using var context = new SrtpContext(SrtpProtectionProfile.Aes128CmHmacSha1_80, keys);
        var buffer = new byte[12 + 48 + 10];
        Hex.Bytes("800f0000decafbad00000000").CopyTo(buffer, 0);

        Assert.Equal(SrtpStatus.Ok, context.ProtectRtp(buffer, 60, out int length));

        Assert.Equal(70, length);
        Assert.Equal("800F0000DECAFBAD00000000", Convert.ToHexString(buffer, 0, 12));
        Assert.Equal(
            "E03EAD0935C95E80E166B16DD92B4EB4D23513162B02D0F72A43A2FE4A5F97AB41E95B3BB0A2E8DD477901E4FCA894C0",
            Convert.ToHexString(buffer, 12, 48));
    }

    [Theory]
    // RFC 3711 B.3 (AES-128) and RFC 6188 §7.2 (AES-256): session encryption key, salt and authentication key.
    [InlineData(
        "E1F97A0D3E018BE0D64FA32C06DE4139", "0EC675AD498AFEEBB6960B3AABE6",
        "C61E7A93744F39EE10734AFE3FF7A087", "30CBBC08863D8C85D49DB34A9AE1", "CEBE321F6FF7716B6FD4AB49AF256A156D38BAA4")]
    [InlineData(
        "f0f04914b513f2763a1b1fa130f10e2998f6f6e43e4309d1e622a0e332b9f1b6", "3b04803de51ee7c96423ab5b78d2",
        "5ba1064e30ec51613cad926c5a28ef731ec7fb397f70a960653caf06554cd8c4", "fa31791685ca444a9e07c6c64e93", "fd9c32d39ed5fbb5a9dc96b30818454d1313dc05")]
    public void Derive_AppendixB3Master_YieldsPublishedSessionKeys(string masterKey, string masterSalt, string cipherKey, string cipherSalt, string authKey)
    {
        var key = Hex.Bytes(masterKey);
        var salt = Hex.Bytes(masterSalt);
        var sessionKey = new byte[key.Length];
        var sessionSalt = new byte[14];
        var sessionAuth = new byte[20];

        SrtpKeyDerivation.Derive(key, salt, SrtpKeyDerivation.LabelRtpEncryption, sessionKey);
        SrtpKeyDerivation.Derive(key, salt, SrtpKeyDerivation.LabelRtpSalt, sessionSalt);
        SrtpKeyDerivation.Derive(key, salt, SrtpKeyDerivation.LabelRtpAuthentication, sessionAuth);

        Assert.Equal(cipherKey, Convert.ToHexString(sessionKey), ignoreCase: true);
        Assert.Equal(cipherSalt, Convert.ToHexString(sessionSalt), ignoreCase: true);
        Assert.Equal(authKey, Convert.ToHexString(sessionAuth), ignoreCase: true);
    }

    public static TheoryData<int, string, string, string> Rfc7714 => new()
    {
        {
            (int)SrtpProtectionProfile.AeadAes128Gcm,
            "000102030405060708090a0b0c0d0e0f",
            // RFC 7714 §16.1.1 ciphertext with tag
            "8040f17b8041f8d35501a0b2 f24de3a3fb34de6cacba861c9d7e4bcabe633bd50d294e6f42a5f47a51c7d19b36de3adf8833899d7f27beb16a9152cf765ee4390cce",
            // RFC 7714 §17.1.1 SRTCP with E||index
            "81c8000d4d617273 63e94885dcdab67ca727d7662f6b7e997ff5c0f76c06f32dc676a5f1730d6fda4ce09b4686303ded0bb9275bc84aa45896cf4d2fc5abf87245d9eade 800005d4"
        },
        {
            (int)SrtpProtectionProfile.AeadAes256Gcm,
            "000102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f",
            "8040f17b8041f8d35501a0b2 32b1de78a822fe12ef9f78fa332e33aab18012389a58e2f3b50b2a0276ffae0f1ba63799b87b7aa3db36dfffd6b0f9bb7878d7a76c13",
            "81c8000d4d617273 d50ae4d1f5ce5d304ba297e47d470c282c3ece5dbffe0a50a2eaa5c1110555be8415f658c61de0476f1b6fad1d1eb30c4446839f57ff6f6cb26ac3be 800005d4"
        },
    };

    private const string Rfc7714Salt = "517569642070726f2071756f";
    private const string Rfc7714RtpPlain = "8040f17b 8041f8d3 5501a0b2 47616c6c 69612065 7374206f 6d6e6973 20646976 69736120 696e2070 61727465 73207472 6573";
    private const string Rfc7714RtcpPlain = "81c8000d 4d617273 4e545031 4e545032 52545020 0000042a 0000e930 4c756e61 deadbeef deadbeef deadbeef deadbeef deadbeef";

    [Theory]
    [MemberData(nameof(Rfc7714))]
    public void ProtectRtp_Rfc7714Vector_MatchesCiphertext(int profile, string key, string rtpCipher, string rtcpCipher)
    {
        _ = rtcpCipher;
        using var context = Rfc7714Context(profile, key);
        var plain = Hex.Bytes(Rfc7714RtpPlain);
        var buffer = new byte[plain.Length + context.RtpOverhead];
        plain.CopyTo(buffer, 0);

        Assert.Equal(SrtpStatus.Ok, context.ProtectRtp(buffer, plain.Length, out int length));

        Assert.Equal(Convert.ToHexString(Hex.Bytes(rtpCipher)), Convert.ToHexString(buffer, 0, length));
    }

    [Theory]
    [MemberData(nameof(Rfc7714))]
    public void UnprotectRtp_Rfc7714Vector_RecoversPlaintext(int profile, string key, string rtpCipher, string rtcpCipher)
    {
        _ = rtcpCipher;
        using var context = Rfc7714Context(profile, key);
        var packet = Hex.Bytes(rtpCipher);

        Assert.Equal(SrtpStatus.Ok, context.UnprotectRtp(packet, out int length));

        Assert.Equal(Convert.ToHexString(Hex.Bytes(Rfc7714RtpPlain)), Convert.ToHexString(packet, 0, length));
    }

    [Theory]
    [MemberData(nameof(Rfc7714))]
    public void ProtectRtcp_Rfc7714Vector_MatchesCiphertext(int profile, string key, string rtpCipher, string rtcpCipher)
    {
        _ = rtpCipher;
        using var context = Rfc7714Context(profile, key);
        context.SetNextRtcpIndex(0x4d617273, 0x5d4);
        var plain = Hex.Bytes(Rfc7714RtcpPlain);
        var buffer = new byte[plain.Length + context.RtcpOverhead];
        plain.CopyTo(buffer, 0);

        Assert.Equal(SrtpStatus.Ok, context.ProtectRtcp(buffer, plain.Length, out int length));

        Assert.Equal(Convert.ToHexString(Hex.Bytes(rtcpCipher)), Convert.ToHexString(buffer, 0, length));
    }

    [Theory]
    [MemberData(nameof(Rfc7714))]
    public void UnprotectRtcp_Rfc7714Vector_RecoversPlaintext(int profile, string key, string rtpCipher, string rtcpCipher)
    {
        _ = rtpCipher;
        using var context = Rfc7714Context(profile, key);
        var packet = Hex.Bytes(rtcpCipher);

        Assert.Equal(SrtpStatus.Ok, context.UnprotectRtcp(packet, out int length));

        Assert.Equal(Convert.ToHexString(Hex.Bytes(Rfc7714RtcpPlain)), Convert.ToHexString(packet, 0, length));
    }

    private static SrtpContext Rfc7714Context(int profile, string key)
    {
        // RFC 7714 §16-17 give session keys directly; the same key and salt serve SRTP and SRTCP.
        var k = Hex.Bytes(key);
        var salt = Hex.Bytes(Rfc7714Salt);
        return new SrtpContext((SrtpProtectionProfile)profile, new SrtpSessionKeys(k, [], salt, k, [], salt));
    }
}
