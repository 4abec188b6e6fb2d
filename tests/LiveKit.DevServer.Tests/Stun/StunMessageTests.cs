using LiveKit.DevServer.Stun;

namespace LiveKit.DevServer.Tests.Stun;

public sealed class StunMessageTests
{
    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(8)]
    [InlineData(19)]
    [InlineData(20)]
    [InlineData(100)]
    public void TryParse_TruncatedSampleRequest_NeedsMoreData(int length)
    {
        var status = StunMessage.TryParse(Rfc5769Vectors.Request.AsSpan(0, length), out _, out int consumed);

        Assert.Equal(StunParseStatus.NeedMoreData, status);
        Assert.Equal(0, consumed);
    }

    [Fact]
    public void TryParse_WrongMagicCookie_IsMalformed()
    {
        var bytes = (byte[])Rfc5769Vectors.Request.Clone();
        bytes[4] ^= 0xFF;

        Assert.Equal(StunParseStatus.Malformed, StunMessage.TryParse(bytes, out _, out _));
        Assert.Equal(StunParseStatus.Malformed, StunMessage.TryParse(bytes.AsSpan(0, 10), out _, out _));
    }

    [Theory]
    [InlineData(0x80)] // RTP/RTCP first byte (RFC 7983)
    [InlineData(0x40)]
    public void TryParse_NonStunFirstByte_IsMalformed(byte first)
    {
        var bytes = (byte[])Rfc5769Vectors.Request.Clone();
        bytes[0] = first;

        Assert.Equal(StunParseStatus.Malformed, StunMessage.TryParse(bytes, out _, out _));
    }

    [Fact]
    public void TryParse_AttributeLengthPastEnd_IsMalformed()
    {
        var bytes = (byte[])Rfc5769Vectors.Request.Clone();
        bytes[22] = 0x7F; // SOFTWARE length 0x7F10 overruns the message

        Assert.Equal(StunParseStatus.Malformed, StunMessage.TryParse(bytes, out _, out _));
    }

    [Fact]
    public void TryParse_LengthNotMultipleOfFour_IsMalformed()
    {
        var bytes = (byte[])Rfc5769Vectors.Request.Clone();
        bytes[3] = 0x57;

        Assert.Equal(StunParseStatus.Malformed, StunMessage.TryParse(bytes, out _, out _));
    }

    [Fact]
    public void TryParse_AttributeAfterFingerprint_IsMalformed()
    {
        Span<byte> buffer = stackalloc byte[StunConstants.MaxMessageLength];
        var writer = new StunMessageWriter(buffer, StunMessageClass.Request, StunMethod.Binding, Rfc5769Vectors.TransactionId);
        writer.AddFingerprint();
        writer.AddUInt32(StunAttributeType.Priority, 1);

        Assert.Equal(StunParseStatus.Malformed, StunMessage.TryParse(writer.Written, out _, out _));
    }

    [Fact]
    public void TryParse_TrailingBytesAfterMessage_ConsumesOnlyTheMessage()
    {
        var bytes = Rfc5769Vectors.Request.Concat(new byte[] { 1, 2, 3, 4 }).ToArray();

        Assert.Equal(StunParseStatus.Success, StunMessage.TryParse(bytes, out var message, out int consumed));
        Assert.Equal(Rfc5769Vectors.Request.Length, consumed);
        Assert.Equal(Rfc5769Vectors.Request.Length, message.Raw.Length);
    }

    [Fact]
    public void Verify_TamperedRequest_FailsIntegrityAndFingerprint()
    {
        var bytes = (byte[])Rfc5769Vectors.Request.Clone();
        bytes[30] ^= 0x01; // inside SOFTWARE

        Assert.Equal(StunParseStatus.Success, StunMessage.TryParse(bytes, out var message, out _));
        Assert.False(StunFingerprint.Verify(message));
        Assert.False(StunMessageIntegrity.Verify(message, "VOkJxbRl1RmTxUk/WvJxBt"u8));
    }

    [Fact]
    public void TryGetAttribute_AfterMessageIntegrity_IsIgnored()
    {
        // RFC 5389 §15.4: attributes after MESSAGE-INTEGRITY, other than FINGERPRINT, are ignored.
        Span<byte> buffer = stackalloc byte[StunConstants.MaxMessageLength];
        var writer = new StunMessageWriter(buffer, StunMessageClass.Request, StunMethod.Binding, Rfc5769Vectors.TransactionId);
        writer.AddMessageIntegrity("key"u8);
        writer.AddUInt32(StunAttributeType.Priority, 7);
        writer.AddFingerprint();

        Assert.Equal(StunParseStatus.Success, StunMessage.TryParse(writer.Written, out var message, out _));
        Assert.False(message.HasAttribute(StunAttributeType.Priority));
        Assert.True(message.HasAttribute(StunAttributeType.Fingerprint));
        Assert.True(StunFingerprint.Verify(message));
        Assert.True(StunMessageIntegrity.Verify(message, "key"u8));
    }

    [Theory]
    [InlineData(0, 0x0001)] // request
    [InlineData(1, 0x0011)] // indication
    [InlineData(2, 0x0101)] // success response
    [InlineData(3, 0x0111)] // error response
    public void EncodeType_BindingClasses_MatchRfc5389(int messageClass, int expected)
    {
        Assert.Equal(expected, StunMessage.EncodeType((StunMessageClass)messageClass, StunMethod.Binding));
    }

    [Fact]
    public void ErrorCode_RoundTrip_KeepsCodeAndReason()
    {
        Span<byte> buffer = stackalloc byte[StunConstants.MaxMessageLength];
        var writer = new StunMessageWriter(buffer, StunMessageClass.ErrorResponse, StunMethod.Binding, Rfc5769Vectors.TransactionId);
        writer.AddErrorCode(StunErrorCode.RoleConflict);
        writer.AddFingerprint();

        Assert.Equal(StunParseStatus.Success, StunMessage.TryParse(writer.Written, out var message, out _));
        Assert.Equal(StunMessageClass.ErrorResponse, message.Class);
        Assert.True(message.TryGetAttribute(StunAttributeType.ErrorCode, out var error));
        Assert.True(StunErrorCode.TryDecode(error.Value, out int code, out string reason));
        Assert.Equal(487, code);
        Assert.Equal("Role Conflict", reason);
    }
}
