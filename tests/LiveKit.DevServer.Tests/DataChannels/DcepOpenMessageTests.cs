using System.Buffers;
using LiveKit.DevServer.DataChannels;

namespace LiveKit.DevServer.Tests.DataChannels;

public class DcepOpenMessageTests
{
    // RFC 8832 §5.1 layouts of the two channels LiveKit clients open.
    private static readonly byte[] LossyOpen = Convert.FromHexString("03810100000000000006000" + "05f6c6f737379");
    private static readonly byte[] ReliableOpen = Convert.FromHexString("0300010000000000000900005f72656c6961626c65");

    [Fact]
    public void Write_LiveKitChannels_MatchTheRfcLayoutByteForByte()
    {
        Assert.Equal(LossyOpen, Encode(DataChannelOptions.LiveKitLossy.ToOpenMessage()));
        Assert.Equal(ReliableOpen, Encode(DataChannelOptions.LiveKitReliable.ToOpenMessage()));
    }

    [Fact]
    public void TryParse_LossyOpen_GivesUnorderedMaxRetransmitsZero()
    {
        Assert.Equal(OperationStatus.Done, DcepOpenMessage.TryParse(LossyOpen, out DcepOpenMessage? open));

        Assert.Equal(new DcepOpenMessage(DataChannelType.PartialReliableRexmitUnordered, 256, 0, "_lossy", ""), open);
        DataChannelOptions options = DataChannelOptions.FromOpenMessage(open!);
        Assert.False(options.Ordered);
        Assert.Equal(0, options.MaxRetransmits);
        Assert.Null(options.MaxPacketLifeTime);
    }

    [Fact]
    public void TryParse_TimedWithProtocol_RoundTrips()
    {
        var message = new DcepOpenMessage(DataChannelType.PartialReliableTimed, 512, 1500, "chät", "proto/1");
        byte[] bytes = Encode(message);

        Assert.Equal(OperationStatus.Done, DcepOpenMessage.TryParse(bytes, out DcepOpenMessage? parsed));

        Assert.Equal(message, parsed);
        Assert.Equal(TimeSpan.FromMilliseconds(1500), DataChannelOptions.FromOpenMessage(parsed!).MaxPacketLifeTime);
    }

    [Fact]
    public void TryParse_Truncated_NeedsMoreData()
    {
        Assert.Equal(OperationStatus.NeedMoreData, DcepOpenMessage.TryParse(LossyOpen.AsSpan(0, 11), out _));
        Assert.Equal(OperationStatus.NeedMoreData, DcepOpenMessage.TryParse(LossyOpen.AsSpan(0, LossyOpen.Length - 1), out _));
    }

    [Theory]
    [InlineData(0, 0x02)] // an ACK, not an OPEN
    [InlineData(1, 0x05)] // unknown channel type
    [InlineData(12, 0xFF)] // label not UTF-8
    public void TryParse_BadField_IsInvalid(int offset, byte value)
    {
        byte[] bytes = (byte[])LossyOpen.Clone();
        bytes[offset] = value;

        Assert.Equal(OperationStatus.InvalidData, DcepOpenMessage.TryParse(bytes, out _));
    }

    private static byte[] Encode(DcepOpenMessage message)
    {
        byte[] bytes = new byte[message.EncodedLength];
        Assert.Equal(bytes.Length, message.Write(bytes));
        return bytes;
    }
}
