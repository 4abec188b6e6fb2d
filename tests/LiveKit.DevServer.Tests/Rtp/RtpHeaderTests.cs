using LiveKit.DevServer.Rtp;
using LiveKit.DevServer.Tests.TestSupport;

namespace LiveKit.DevServer.Tests.Rtp;

public sealed class RtpHeaderTests
{
    // V=2 P=1 X=1 CC=2, M=1 PT=111, seq 0x1234, ts 0xDEADBEEF, SSRC 0x01020304, CSRCs 0xA..., 0xB...,
    // one-byte extension (0xBEDE, 1 word): id 1 len 2 "AA BB CC", one zero pad; payload 4 bytes; 3 bytes padding.
    private static readonly byte[] Full = Hex.Bytes("""
        b2 ef 12 34 de ad be ef 01 02 03 04
        0a 0a 0a 0a 0b 0b 0b 0b
        be de 00 01 12 aa bb cc
        11 22 33 44
        00 00 03
        """);

    [Fact]
    public void TryParse_CsrcExtensionPadding_ReadsEveryField()
    {
        Assert.Equal(RtpParseStatus.Success, RtpHeader.TryParse(Full, out var header));

        Assert.True(header.HasPadding);
        Assert.True(header.HasExtension);
        Assert.True(header.Marker);
        Assert.Equal(2, header.CsrcCount);
        Assert.Equal(111, header.PayloadType);
        Assert.Equal(0x1234, header.SequenceNumber);
        Assert.Equal(0xDEADBEEFu, header.Timestamp);
        Assert.Equal(0x01020304u, header.Ssrc);
        Assert.Equal(0x0B0B0B0Bu, header.GetCsrc(Full, 1));
        Assert.Equal(0xBEDE, header.ExtensionProfile);
        Assert.Equal(24, header.ExtensionOffset);
        Assert.Equal(4, header.ExtensionLength);
        Assert.Equal(28, header.HeaderLength);
        Assert.Equal(3, header.PaddingLength);
        Assert.Equal(4, header.PayloadLength);
    }

    [Fact]
    public void TryParseHeaderOnly_EncryptedPadding_IgnoresPaddingByte()
    {
        var packet = (byte[])Full.Clone();
        packet[^1] = 0xFF; // an encrypted padding count is not readable

        Assert.Equal(RtpParseStatus.Malformed, RtpHeader.TryParse(packet, out _));
        Assert.Equal(RtpParseStatus.Success, RtpHeader.TryParseHeaderOnly(packet, out var header));
        Assert.Equal(0, header.PaddingLength);
        Assert.Equal(7, header.PayloadLength);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(11)]
    [InlineData(12)]
    [InlineData(19)]
    [InlineData(23)]
    [InlineData(27)]
    public void TryParse_Truncated_NeedsMoreData(int length)
    {
        Assert.Equal(RtpParseStatus.NeedMoreData, RtpHeader.TryParseHeaderOnly(Full.AsSpan(0, length), out _));
    }

    [Fact]
    public void TryParse_WrongVersionOrBadPadding_Malformed()
    {
        var v1 = (byte[])Full.Clone();
        v1[0] = 0x72;
        var zeroPad = (byte[])Full.Clone();
        zeroPad[^1] = 0;
        var headerOnlyPadded = Hex.Bytes("a0 00 00 01 00 00 00 00 00 00 00 01");

        Assert.Equal(RtpParseStatus.Malformed, RtpHeader.TryParse(v1, out _));
        Assert.Equal(RtpParseStatus.Malformed, RtpHeader.TryParse(zeroPad, out _));
        Assert.Equal(RtpParseStatus.Malformed, RtpHeader.TryParse(headerOnlyPadded, out _));
    }

    [Fact]
    public void ExtensionEnumerator_OneByteForm_YieldsElementsAndSkipsPadding()
    {
        RtpHeader.TryParse(Full, out var header);
        var found = new List<(int Id, string Data)>();
        var enumerator = new RtpHeaderExtensionEnumerator(header.ExtensionProfile, Full.AsSpan(header.ExtensionOffset, header.ExtensionLength));
        foreach (var element in enumerator)
        {
            found.Add((element.Id, Convert.ToHexString(element.Data)));
        }

        Assert.Equal([(1, "AABBCC")], found);
    }

    [Fact]
    public void ExtensionEnumerator_TwoByteForm_YieldsElements()
    {
        var data = Hex.Bytes("05 02 aa bb 00 07 00 00");
        var found = new List<(int Id, string Data)>();
        var enumerator = new RtpHeaderExtensionEnumerator(0x1000, data);
        foreach (var element in enumerator)
        {
            found.Add((element.Id, Convert.ToHexString(element.Data)));
        }

        Assert.Equal([(5, "AABB"), (7, "")], found);
        Assert.False(enumerator.IsMalformed);
    }

    [Fact]
    public void ExtensionEnumerator_ElementPastEnd_Malformed()
    {
        var enumerator = new RtpHeaderExtensionEnumerator(RtpHeaderExtensionEnumerator.OneByteProfile, Hex.Bytes("13 aa bb cc"));

        Assert.False(enumerator.MoveNext());
        Assert.True(enumerator.IsMalformed);
    }

    [Fact]
    public void HeaderFields_Rewrite_ChangesOnlyThoseFieldsAndKeepsMarker()
    {
        var packet = (byte[])Full.Clone();

        RtpHeaderFields.SetPayloadType(packet, 96);
        RtpHeaderFields.SetSequenceNumber(packet, 7);
        RtpHeaderFields.SetTimestamp(packet, 9);
        RtpHeaderFields.SetSsrc(packet, 0xCAFEBABE);

        Assert.Equal(RtpParseStatus.Success, RtpHeader.TryParse(packet, out var header));
        Assert.True(header.Marker);
        Assert.Equal(96, header.PayloadType);
        Assert.Equal(7, header.SequenceNumber);
        Assert.Equal(9u, header.Timestamp);
        Assert.Equal(0xCAFEBABEu, header.Ssrc);
        Assert.Equal(Convert.ToHexString(Full, 12, Full.Length - 12), Convert.ToHexString(packet, 12, packet.Length - 12));
    }
}
