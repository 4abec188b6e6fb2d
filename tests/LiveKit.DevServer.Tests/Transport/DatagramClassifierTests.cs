using LiveKit.DevServer.Transport;

namespace LiveKit.DevServer.Tests.Transport;

/// <summary>RFC 7983 §7 first-byte ranges and the RFC 5761 §4 RTP/RTCP split, at their boundaries.</summary>
public sealed class DatagramClassifierTests
{
    [Theory]
    [InlineData(0, 0, "Stun")]
    [InlineData(3, 0, "Stun")]
    [InlineData(4, 0, "Unknown")]
    [InlineData(16, 0, "Unknown")] // ZRTP
    [InlineData(19, 0, "Unknown")]
    [InlineData(20, 0, "Dtls")]
    [InlineData(22, 254, "Dtls")]
    [InlineData(63, 0, "Dtls")]
    [InlineData(64, 0, "Unknown")] // TURN channel
    [InlineData(127, 0, "Unknown")]
    [InlineData(128, 111, "Rtp")]
    [InlineData(128, 239, "Rtp")] // marker + PT 111
    [InlineData(128, 191, "Rtp")]
    [InlineData(128, 192, "Rtcp")]
    [InlineData(129, 200, "Rtcp")]
    [InlineData(143, 223, "Rtcp")]
    [InlineData(128, 224, "Rtp")]
    [InlineData(191, 0, "Rtp")]
    [InlineData(192, 0, "Unknown")]
    [InlineData(255, 0, "Unknown")]
    public void Classify_FirstTwoBytes_PicksProtocol(int first, int second, string expected)
    {
        Assert.Equal(expected, DatagramClassifier.Classify([(byte)first, (byte)second, 0, 0]).ToString());
    }

    [Fact]
    public void Classify_EmptyOrOneByteRtp_Unknown()
    {
        Assert.Equal(DatagramKind.Unknown, DatagramClassifier.Classify([]));
        Assert.Equal(DatagramKind.Unknown, DatagramClassifier.Classify([0x80]));
    }
}
