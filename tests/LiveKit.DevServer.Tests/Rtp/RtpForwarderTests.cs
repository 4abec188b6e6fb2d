using LiveKit.DevServer.Rtp;
using Microsoft.Extensions.Time.Testing;

namespace LiveKit.DevServer.Tests.Rtp;

public sealed class RtpForwarderTests
{
    private const uint OutSsrc = 0xAAAA0001;
    private readonly FakeTimeProvider _time = new();

    [Fact]
    public void TryRewrite_FirstPackets_SetSsrcPayloadTypeAndStartAtInitialValues()
    {
        var forwarder = new RtpForwarder(OutSsrc, 109, 48000, _time, initialSequence: 1000, initialTimestamp: 5000);

        var first = Forward(forwarder, ssrc: 1, seq: 60000, ts: 900, marker: true);
        var second = Forward(forwarder, ssrc: 1, seq: 60001, ts: 1860);

        Assert.Equal((OutSsrc, (byte)109, (ushort)1000, 5000u, true), (first.Ssrc, first.PayloadType, first.SequenceNumber, first.Timestamp, first.Marker));
        Assert.Equal(((ushort)1001, 5960u), (second.SequenceNumber, second.Timestamp));
        Assert.Equal(1u, forwarder.SourceSsrc);
        Assert.Equal(2, forwarder.PacketsSent);
    }

    [Fact]
    public void TryRewrite_ReorderedAndLost_KeepsRelativeOrderAndGaps()
    {
        var forwarder = new RtpForwarder(OutSsrc, 111, 48000, _time, initialSequence: 10, initialTimestamp: 0);

        ushort[] outSeqs = [.. new ushort[] { 65534, 0, 65535, 3 }.Select(s => Forward(forwarder, 1, s, 0).SequenceNumber)];

        Assert.Equal(new ushort[] { 10, 12, 11, 15 }, outSeqs);
    }

    [Fact]
    public void TryRewrite_NewSourceSsrcAfterPause_ContinuesSequenceAndAdvancesTimestampByWallclock()
    {
        var forwarder = new RtpForwarder(OutSsrc, 111, 48000, _time, initialSequence: 100, initialTimestamp: 1000);
        Forward(forwarder, ssrc: 1, seq: 7, ts: 70);
        Forward(forwarder, ssrc: 1, seq: 8, ts: 1030);

        _time.Advance(TimeSpan.FromSeconds(2));
        var switched = Forward(forwarder, ssrc: 2, seq: 40000, ts: 123456789);
        var next = Forward(forwarder, ssrc: 2, seq: 40001, ts: 123456789 + 960);

        Assert.Equal((ushort)102, switched.SequenceNumber);
        Assert.Equal(1960u + 96000u, switched.Timestamp);
        Assert.Equal(((ushort)103, 1960u + 96000u + 960u), (next.SequenceNumber, next.Timestamp));
        Assert.Equal(2u, forwarder.SourceSsrc);
    }

    [Fact]
    public void TryRewrite_StragglerOfPreviousSource_Dropped()
    {
        var forwarder = new RtpForwarder(OutSsrc, 111, 48000, _time, initialSequence: 100, initialTimestamp: 0);
        Forward(forwarder, ssrc: 1, seq: 7, ts: 0);
        Forward(forwarder, ssrc: 2, seq: 500, ts: 0);

        var packet = Build(ssrc: 1, seq: 8, ts: 960);
        RtpHeader.TryParse(packet, out var header);

        Assert.False(forwarder.TryRewrite(packet, header));
        Assert.Equal(1u, (uint)(packet[8] << 24 | packet[9] << 16 | packet[10] << 8 | packet[11]));
    }

    [Fact]
    public void SwitchSource_ResubscriptionWithSameSsrc_StaysContinuous()
    {
        var forwarder = new RtpForwarder(OutSsrc, 111, 48000, _time, initialSequence: 100, initialTimestamp: 0);
        Forward(forwarder, ssrc: 1, seq: 7, ts: 0);

        // Unsubscribed for 1 s while the source ran on by 50 packets; then subscribed again.
        _time.Advance(TimeSpan.FromSeconds(1));
        forwarder.SwitchSource();
        var resumed = Forward(forwarder, ssrc: 1, seq: 57, ts: 48000);

        Assert.Equal((ushort)101, resumed.SequenceNumber);
        Assert.Equal(48000u, resumed.Timestamp);
    }

    [Fact]
    public void TryMapToSource_SequencesOfCurrentSegment_MapBack()
    {
        var forwarder = new RtpForwarder(OutSsrc, 96, 90000, _time, initialSequence: 100, initialTimestamp: 0);
        Forward(forwarder, ssrc: 1, seq: 7, ts: 0);
        Forward(forwarder, ssrc: 2, seq: 300, ts: 0);
        Forward(forwarder, ssrc: 2, seq: 301, ts: 0);
        Forward(forwarder, ssrc: 2, seq: 302, ts: 0);

        Assert.True(forwarder.TryMapToSource(102, out uint ssrc, out ushort seq));
        Assert.Equal((2u, (ushort)301), (ssrc, seq));
        Assert.False(forwarder.TryMapToSource(100, out _, out _)); // sent for source 1
        Assert.False(forwarder.TryMapToSource(104, out _, out _)); // never sent
    }

    [Fact]
    public void TryGetSenderInfo_AfterPackets_ExtrapolatesRtpTimeAndCounts()
    {
        var forwarder = new RtpForwarder(OutSsrc, 111, 48000, _time, initialSequence: 1, initialTimestamp: 1000);
        Assert.False(forwarder.TryGetSenderInfo(_time.GetUtcNow(), out _));
        Forward(forwarder, ssrc: 1, seq: 1, ts: 0, payload: 80);
        Forward(forwarder, ssrc: 1, seq: 2, ts: 960, payload: 80);

        _time.Advance(TimeSpan.FromMilliseconds(500));
        Assert.True(forwarder.TryGetSenderInfo(_time.GetUtcNow(), out var info));

        Assert.Equal(1000u + 960u + 24000u, info.RtpTimestamp);
        Assert.Equal((2u, 160u), (info.PacketCount, info.OctetCount));
        Assert.Equal(NtpTimestamp.FromDateTime(_time.GetUtcNow()), info.NtpTimestamp);
    }

    private static RtpHeader Forward(RtpForwarder forwarder, uint ssrc, ushort seq, uint ts, bool marker = false, int payload = 10)
    {
        var packet = Build(ssrc, seq, ts, marker, payload);
        Assert.Equal(RtpParseStatus.Success, RtpHeader.TryParse(packet, out var header));
        Assert.True(forwarder.TryRewrite(packet, header));
        Assert.Equal(RtpParseStatus.Success, RtpHeader.TryParse(packet, out var rewritten));
        return rewritten;
    }

    private static byte[] Build(uint ssrc, ushort seq, uint ts, bool marker = false, int payload = 10)
    {
        var packet = new byte[12 + payload];
        RtpHeaderFields.WriteFixedHeader(packet, marker, 111, seq, ts, ssrc);
        return packet;
    }
}
