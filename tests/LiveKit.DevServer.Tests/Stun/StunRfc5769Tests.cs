using System.Buffers.Binary;
using System.Net;
using System.Security.Cryptography;
using System.Text;
using LiveKit.DevServer.Stun;

namespace LiveKit.DevServer.Tests.Stun;

/// <summary>RFC 5769 test vectors: parsed, verified, and rebuilt byte for byte.</summary>
public sealed class StunRfc5769Tests
{
    private static readonly byte[] ShortTermKey = Encoding.UTF8.GetBytes(Rfc5769Vectors.ShortTermPassword);

    [Fact]
    public void TryParse_SampleRequest_ReadsEveryAttribute()
    {
        var status = StunMessage.TryParse(Rfc5769Vectors.Request, out var message, out int consumed);

        Assert.Equal(StunParseStatus.Success, status);
        Assert.Equal(Rfc5769Vectors.Request.Length, consumed);
        Assert.Equal(StunMessageClass.Request, message.Class);
        Assert.Equal(StunMethod.Binding, message.Method);
        Assert.True(message.TransactionId.SequenceEqual(Rfc5769Vectors.TransactionId));
        Assert.True(message.TryGetAttribute(StunAttributeType.Software, out var software));
        Assert.Equal("STUN test client", Encoding.UTF8.GetString(software.Value));
        Assert.True(message.TryGetAttribute(StunAttributeType.Username, out var username));
        Assert.Equal("evtj:h6vY", Encoding.UTF8.GetString(username.Value));
        Assert.True(message.TryGetAttribute(StunAttributeType.Priority, out var priority));
        Assert.Equal(0x6e0001ffu, BinaryPrimitives.ReadUInt32BigEndian(priority.Value));
        Assert.True(message.TryGetAttribute(StunAttributeType.IceControlled, out var controlled));
        Assert.Equal(0x932ff9b151263b36ul, BinaryPrimitives.ReadUInt64BigEndian(controlled.Value));
        Assert.True(StunFingerprint.Verify(message));
        Assert.True(StunMessageIntegrity.Verify(message, ShortTermKey));
    }

    [Fact]
    public void Writer_SampleRequest_ReproducesVectorByteForByte()
    {
        // RFC 5769 pads with spaces (0x20); any padding value is legal (RFC 5389 §15).
        Span<byte> buffer = stackalloc byte[StunConstants.MaxMessageLength];
        var writer = new StunMessageWriter(buffer, StunMessageClass.Request, StunMethod.Binding, Rfc5769Vectors.TransactionId, paddingByte: 0x20);
        writer.AddText(StunAttributeType.Software, "STUN test client");
        writer.AddUInt32(StunAttributeType.Priority, 0x6e0001ff);
        writer.AddUInt64(StunAttributeType.IceControlled, 0x932ff9b151263b36);
        writer.AddText(StunAttributeType.Username, "evtj:h6vY");
        writer.AddMessageIntegrity(ShortTermKey);
        writer.AddFingerprint();

        Assert.Equal(Convert.ToHexString(Rfc5769Vectors.Request), Convert.ToHexString(writer.Written));
    }

    [Fact]
    public void TryParse_SampleIPv4Response_DecodesXorMappedAddress()
    {
        Assert.Equal(StunParseStatus.Success, StunMessage.TryParse(Rfc5769Vectors.ResponseIPv4, out var message, out _));

        Assert.Equal(StunMessageClass.SuccessResponse, message.Class);
        Assert.True(message.TryGetAttribute(StunAttributeType.XorMappedAddress, out var mapped));
        Assert.True(StunXorAddress.TryDecode(mapped.Value, message.TransactionId, out var endPoint));
        Assert.Equal(new IPEndPoint(IPAddress.Parse("192.0.2.1"), 32853), endPoint);
        Assert.True(StunFingerprint.Verify(message));
        Assert.True(StunMessageIntegrity.Verify(message, ShortTermKey));
    }

    [Fact]
    public void Writer_SampleIPv4Response_ReproducesVectorByteForByte()
    {
        var bytes = BuildResponse(new IPEndPoint(IPAddress.Parse("192.0.2.1"), 32853));

        Assert.Equal(Convert.ToHexString(Rfc5769Vectors.ResponseIPv4), Convert.ToHexString(bytes));
    }

    [Fact]
    public void TryParse_SampleIPv6Response_DecodesXorMappedAddress()
    {
        Assert.Equal(StunParseStatus.Success, StunMessage.TryParse(Rfc5769Vectors.ResponseIPv6, out var message, out _));

        Assert.True(message.TryGetAttribute(StunAttributeType.XorMappedAddress, out var mapped));
        Assert.True(StunXorAddress.TryDecode(mapped.Value, message.TransactionId, out var endPoint));
        Assert.Equal(new IPEndPoint(IPAddress.Parse("2001:db8:1234:5678:11:2233:4455:6677"), 32853), endPoint);
        Assert.True(StunFingerprint.Verify(message));
        Assert.True(StunMessageIntegrity.Verify(message, ShortTermKey));
    }

    [Fact]
    public void Writer_SampleIPv6Response_ReproducesVectorByteForByte()
    {
        var bytes = BuildResponse(new IPEndPoint(IPAddress.Parse("2001:db8:1234:5678:11:2233:4455:6677"), 32853));

        Assert.Equal(Convert.ToHexString(Rfc5769Vectors.ResponseIPv6), Convert.ToHexString(bytes));
    }

    [Fact]
    public void Verify_LongTermRequest_MatchesMd5DerivedKey()
    {
        // RFC 5389 §15.4: long-term key = MD5(username ":" realm ":" SASLprep(password)). The RFC 5769 §2.4
        // password "The<U+00AD>M<U+00AA>tr<U+2168>" is "TheMatrIX" after SASLprep.
        Assert.Equal(StunParseStatus.Success, StunMessage.TryParse(Rfc5769Vectors.RequestLongTerm, out var message, out _));
        Assert.True(message.TryGetAttribute(StunAttributeType.Username, out var username));
        Assert.Equal("\u30DE\u30C8\u30EA\u30C3\u30AF\u30B9", Encoding.UTF8.GetString(username.Value));
        Assert.True(message.TryGetAttribute(StunAttributeType.Nonce, out var nonce));
        Assert.Equal("f//499k954d6OL34oL9FSTvy64sA", Encoding.UTF8.GetString(nonce.Value));
        Assert.True(message.TryGetAttribute(StunAttributeType.Realm, out var realm));
        Assert.Equal("example.org", Encoding.UTF8.GetString(realm.Value));

#pragma warning disable CA5351 // MD5 is what RFC 5389 §15.4 specifies for long-term credentials.
        byte[] key = MD5.HashData(Encoding.UTF8.GetBytes("\u30DE\u30C8\u30EA\u30C3\u30AF\u30B9:example.org:TheMatrIX"));
#pragma warning restore CA5351

        Assert.True(StunMessageIntegrity.Verify(message, key));
        Assert.False(StunMessageIntegrity.Verify(message, ShortTermKey));
        Assert.False(message.HasAttribute(StunAttributeType.Fingerprint));
    }

    private static byte[] BuildResponse(IPEndPoint mapped)
    {
        var buffer = new byte[StunConstants.MaxMessageLength];
        var writer = new StunMessageWriter(buffer, StunMessageClass.SuccessResponse, StunMethod.Binding, Rfc5769Vectors.TransactionId, paddingByte: 0x20);
        writer.AddText(StunAttributeType.Software, "test vector");
        writer.AddXorMappedAddress(mapped);
        writer.AddMessageIntegrity(ShortTermKey);
        writer.AddFingerprint();
        return writer.Written.ToArray();
    }
}
