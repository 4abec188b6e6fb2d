using LiveKit.DevServer.Srtp;

namespace LiveKit.DevServer.Tests.Srtp;

/// <summary>RFC 3711 Appendix A: the ROC guess v for SEQ given ROC and s_l, as Theory rows.</summary>
public sealed class SrtpIndexEstimatorTests
{
    [Theory]
    [InlineData(0u, 0, 1, 0L)] // in order
    [InlineData(0u, 100, 99, 0L)] // reordered by one
    [InlineData(0u, 65535, 0, 1L)] // the wrap: SEQ 0 after 65535 is ROC+1
    [InlineData(0u, 65000, 100, 1L)] // wrapped with loss
    [InlineData(1u, 10, 65530, 0L)] // late packet from before the wrap: ROC-1
    [InlineData(0u, 10, 65530, -1L)] // earlier than ROC 0: cannot be authenticated
    [InlineData(5u, 40000, 7000, 6L)] // s_l >= 2^15 and SEQ < s_l - 2^15: ROC+1
    [InlineData(5u, 40000, 7300, 5L)] // s_l >= 2^15 and SEQ >= s_l - 2^15: same ROC
    [InlineData(5u, 32768, 0, 5L)] // boundary: s_l - 2^15 == SEQ stays
    [InlineData(5u, 32769, 0, 6L)] // boundary: one past
    [InlineData(3u, 32767, 65535, 3L)] // s_l < 2^15: SEQ - s_l == 2^15 stays
    [InlineData(3u, 32766, 65535, 2L)] // s_l < 2^15: SEQ - s_l > 2^15 is ROC-1
    public void EstimateRoc_AppendixACases_GuessesV(uint roc, int highest, int sequence, long expected)
    {
        Assert.Equal(expected, SrtpIndexEstimator.EstimateRoc(roc, (ushort)highest, (ushort)sequence));
    }

    [Fact]
    public void Index_RocAndSequence_Is48Bits()
    {
        Assert.Equal(0x0001_0000_FFFFUL, SrtpIndexEstimator.Index(0x10000, 0xFFFF));
    }
}
