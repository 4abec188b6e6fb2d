using LiveKit.DevServer.Rtp;
using LiveKit.DevServer.Tests.TestSupport;

namespace LiveKit.DevServer.Tests.Rtp;

public sealed class RtcpTests
{
    [Fact]
    public void WritePictureLossIndication_MatchesRfc4585Layout()
    {
        var buffer = new byte[12];

        int length = RtcpFeedback.WritePictureLossIndication(buffer, 0x11111111, 0x22222222);

        Assert.Equal(12, length);
        Assert.Equal("81CE00021111111122222222", Convert.ToHexString(buffer));
    }

    [Fact]
    public void SenderReport_WriteThenRead_RoundTrips()
    {
        var blocks = new[]
        {
            new RtcpReportBlock(1, 25, 1000, 70000, 12, 0xAABBCCDD, 65536),
            new RtcpReportBlock(2, 0, -3, 5, 0, 0, 0),
        };
        var info = new RtcpSenderInfo(0xE1E2E3E4_F5F6F7F8, 123456, 50, 8000);
        var buffer = new byte[200];

        int length = RtcpReports.WriteSenderReport(buffer, 0xCAFE, info, blocks);

        Assert.Equal(4 + 4 + 20 + 48, length);
        Assert.True(RtcpReports.TryReadSenderReport(buffer.AsSpan(0, length), out uint ssrc, out var read, out var raw));
        Assert.Equal(0xCAFEu, ssrc);
        Assert.Equal(info, read);
        Assert.Equal(blocks[0], RtcpReportBlock.Read(raw));
        Assert.Equal(blocks[1], RtcpReportBlock.Read(raw[24..]));
    }

    [Fact]
    public void ReceiverReport_WriteThenRead_RoundTrips()
    {
        var block = new RtcpReportBlock(9, 1, 2, 3, 4, 5, 6);
        var buffer = new byte[64];

        int length = RtcpReports.WriteReceiverReport(buffer, 0xBEEF, [block]);

        Assert.Equal(32, length);
        Assert.Equal(0x81, buffer[0]);
        Assert.Equal(201, buffer[1]);
        Assert.True(RtcpReports.TryReadReceiverReport(buffer.AsSpan(0, length), out uint ssrc, out var raw));
        Assert.Equal(0xBEEFu, ssrc);
        Assert.Equal(block, RtcpReportBlock.Read(raw));
    }

    [Fact]
    public void SourceDescription_Cname_RoundTripsWithPadding()
    {
        var buffer = new byte[64];

        int length = RtcpSourceDescription.WriteCname(buffer, 0x01020304, "livekit");

        Assert.Equal(0, length % 4);
        Assert.Equal("81CA0004010203040107", Convert.ToHexString(buffer, 0, 10));
        Assert.True(RtcpSourceDescription.TryReadFirstCname(buffer.AsSpan(0, length), out uint ssrc, out string cname));
        Assert.Equal(0x01020304u, ssrc);
        Assert.Equal("livekit", cname);
    }

    [Fact]
    public void Goodbye_WriteThenRead_ListsSources()
    {
        var buffer = new byte[16];
        int length = RtcpGoodbye.Write(buffer, [5u, 6u]);
        var ssrcs = new uint[4];

        Assert.Equal(2, RtcpGoodbye.Read(buffer.AsSpan(0, length), ssrcs));
        Assert.Equal([5u, 6u], ssrcs[..2]);
    }

    [Fact]
    public void GenericNack_AcrossWrap_PacksIntoPidBlpAndExpandsBack()
    {
        ushort[] lost = [65534, 65535, 0, 3, 40];
        var buffer = new byte[64];

        int length = RtcpFeedback.WriteGenericNack(buffer, 1, 2, lost);

        // 65534 with BLP covering 65535 (bit 0), 0 (bit 1), 3 (bit 4); then 40 alone.
        Assert.Equal(20, length);
        Assert.Equal("FFFE0013", Convert.ToHexString(buffer, 12, 4));
        Assert.Equal("00280000", Convert.ToHexString(buffer, 16, 4));
        var read = new ushort[32];
        int count = RtcpFeedback.ReadGenericNack(buffer.AsSpan(0, length), read);
        Assert.Equal(lost, read[..count]);
        Assert.True(RtcpFeedback.TryReadSsrcs(buffer.AsSpan(0, length), out byte format, out uint sender, out uint media));
        Assert.Equal((1, 1u, 2u), (format, sender, media));
    }

    [Fact]
    public void FullIntraRequest_WriteThenRead_RoundTrips()
    {
        var buffer = new byte[20];
        int length = RtcpFeedback.WriteFullIntraRequest(buffer, 1, 0xABCD, 7);

        Assert.Equal(20, length);
        Assert.True(RtcpFeedback.TryReadFullIntraRequest(buffer, out uint target, out byte sequence));
        Assert.Equal((0xABCDu, (byte)7), (target, sequence));
    }

    [Fact]
    public void CompoundReader_SrSdesThenTruncatedPacket_ReadsTwoThenMalformed()
    {
        var buffer = new byte[200];
        int length = RtcpReports.WriteSenderReport(buffer, 1, new RtcpSenderInfo(1, 2, 3, 4), []);
        length += RtcpSourceDescription.WriteCname(buffer.AsSpan(length), 1, "x");
        var good = buffer.AsSpan(0, length).ToArray();
        var bad = good.Concat(Hex.Bytes("81 c9 00 07 00 00")).ToArray();

        var types = new List<RtcpPacketType>();
        var reader = new RtcpCompoundReader(bad);
        while (reader.TryReadNext(out var header, out _))
        {
            types.Add(header.Type);
        }

        Assert.Equal([RtcpPacketType.SenderReport, RtcpPacketType.SourceDescription], types);
        Assert.Equal(RtpParseStatus.Malformed, reader.Status);
        Assert.True(RtcpCompoundReader.IsWellFormed(good));
        Assert.False(RtcpCompoundReader.IsWellFormed(bad));
        Assert.False(RtcpCompoundReader.IsWellFormed(Hex.Bytes("41 c9 00 00")));
    }
}
