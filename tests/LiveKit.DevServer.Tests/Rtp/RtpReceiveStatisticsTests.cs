using LiveKit.DevServer.Rtp;
using Microsoft.Extensions.Time.Testing;

namespace LiveKit.DevServer.Tests.Rtp;

public sealed class RtpReceiveStatisticsTests
{
    private readonly FakeTimeProvider _time = new();

    [Fact]
    public void BuildReportBlock_OneLossInEleven_ReportsFractionAndCumulative()
    {
        var stats = new RtpReceiveStatistics(7, 48000, _time);
        for (ushort seq = 100; seq <= 110; seq++)
        {
            if (seq != 105)
            {
                stats.OnPacket(seq, seq * 960u);
            }
        }

        var block = stats.BuildReportBlock();

        Assert.Equal(7u, block.Ssrc);
        Assert.Equal(1, block.CumulativeLost);
        Assert.Equal((byte)(256 / 11), block.FractionLost);
        Assert.Equal(110u, block.ExtendedHighestSequence);

        // The next interval without loss reports fraction 0 but keeps the cumulative count.
        stats.OnPacket(111, 111 * 960u);
        var next = stats.BuildReportBlock();
        Assert.Equal((byte)0, next.FractionLost);
        Assert.Equal(1, next.CumulativeLost);
    }

    [Fact]
    public void OnPacket_SequenceWrap_CountsCycle()
    {
        var stats = new RtpReceiveStatistics(7, 48000, _time);
        stats.OnPacket(65534, 0);
        stats.OnPacket(65535, 0);
        stats.OnPacket(0, 0);
        stats.OnPacket(1, 0);

        Assert.Equal(65537u, stats.ExtendedHighestSequence);
        Assert.Equal(0, stats.BuildReportBlock().CumulativeLost);
    }

    [Fact]
    public void OnPacket_ArrivalsOffTheRtpClock_ProduceJitter()
    {
        var stats = new RtpReceiveStatistics(7, 48000, _time);
        for (ushort i = 0; i < 50; i++)
        {
            stats.OnPacket(i, i * 960u);
            _time.Advance(TimeSpan.FromMilliseconds(i % 2 == 0 ? 10 : 30));
        }

        // Transit alternates by ±10 ms = 480 units; J converges towards 480.
        Assert.InRange(stats.Jitter, 300u, 480u);
    }

    [Fact]
    public void BuildReportBlock_AfterSenderReport_CarriesLsrAndDlsr()
    {
        var stats = new RtpReceiveStatistics(7, 48000, _time);
        stats.OnPacket(1, 0);
        stats.OnSenderReport(0x0001_2345_6789_0000);

        _time.Advance(TimeSpan.FromSeconds(1.5));
        var block = stats.BuildReportBlock();

        Assert.Equal(0x2345_6789u, block.LastSenderReport);
        Assert.Equal((uint)(1.5 * 65536), block.DelaySinceLastSenderReport);
    }
}
