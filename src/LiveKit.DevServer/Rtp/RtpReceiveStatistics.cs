namespace LiveKit.DevServer.Rtp;

/// <summary>
/// Reception statistics of one incoming SSRC for receiver reports (RFC 3550 Appendix A.1 sequence tracking, A.3
/// loss, A.8 interarrival jitter, §6.4.1 LSR/DLSR).
/// </summary>
/// <remarks>Not thread-safe: updated on the receive thread; the caller locks when reports are built elsewhere.</remarks>
internal sealed class RtpReceiveStatistics
{
    private const int MaxDropout = 3000;
    private const int MaxMisorder = 100;

    private readonly TimeProvider _time;
    private readonly long _epoch;
    private bool _started;
    private ushort _maxSequence;
    private uint _cycles;
    private uint _baseSequence;
    private long _received;
    private long _expectedPrior;
    private long _receivedPrior;
    private long _lastTransit;
    private bool _haveTransit;
    private double _jitter;
    private uint _lastSenderReport;
    private long _lastSenderReportAt;

    public RtpReceiveStatistics(uint ssrc, uint clockRate, TimeProvider timeProvider)
    {
        ArgumentNullException.ThrowIfNull(timeProvider);
        ArgumentOutOfRangeException.ThrowIfZero(clockRate);
        Ssrc = ssrc;
        ClockRate = clockRate;
        _time = timeProvider;
        _epoch = timeProvider.GetTimestamp();
    }

    public uint Ssrc { get; }

    public uint ClockRate { get; }

    public long PacketsReceived => _received;

    /// <summary>Extended highest sequence number received: cycles * 2^16 + max (A.1).</summary>
    public uint ExtendedHighestSequence => _cycles + _maxSequence;

    public uint Jitter => (uint)_jitter;

    public void OnPacket(ushort sequence, uint rtpTimestamp)
    {
        long now = _time.GetTimestamp();
        if (!_started)
        {
            _started = true;
            _maxSequence = sequence;
            _baseSequence = sequence;
        }
        else
        {
            int delta = (ushort)(sequence - _maxSequence);
            if (delta < MaxDropout)
            {
                if (sequence < _maxSequence)
                {
                    _cycles += 1 << 16;
                }

                _maxSequence = sequence;
            }
            else if (delta <= (1 << 16) - MaxMisorder)
            {
                // A very large jump: the source restarted; resynchronise (A.1 simplified, no probation).
                _maxSequence = sequence;
                _baseSequence = sequence;
                _cycles = 0;
                _received = 0;
                _expectedPrior = 0;
                _receivedPrior = 0;
            }
        }

        _received++;

        // A.8: J += (|D| - J) / 16, with D the change in relative transit time, in timestamp units.
        long arrival = _time.GetElapsedTime(_epoch, now).Ticks * ClockRate / TimeSpan.TicksPerSecond;
        long transit = arrival - rtpTimestamp;
        if (_haveTransit)
        {
            long d = Math.Abs((int)(transit - _lastTransit));
            _jitter += (d - _jitter) / 16.0;
        }

        _lastTransit = transit;
        _haveTransit = true;
    }

    /// <summary>Remembers the sender report's NTP time for LSR/DLSR.</summary>
    public void OnSenderReport(ulong ntpTimestamp)
    {
        _lastSenderReport = NtpTimestamp.Middle32(ntpTimestamp);
        _lastSenderReportAt = _time.GetTimestamp();
    }

    /// <summary>Builds a report block and starts the next reporting interval (A.3).</summary>
    public RtcpReportBlock BuildReportBlock()
    {
        long expected = (long)ExtendedHighestSequence - _baseSequence + 1;
        long lost = expected - _received;
        long expectedInterval = expected - _expectedPrior;
        long receivedInterval = _received - _receivedPrior;
        _expectedPrior = expected;
        _receivedPrior = _received;
        long lostInterval = expectedInterval - receivedInterval;
        byte fraction = expectedInterval == 0 || lostInterval <= 0 ? (byte)0 : (byte)Math.Min(255, (lostInterval << 8) / expectedInterval);
        uint dlsr = _lastSenderReport == 0 ? 0 : NtpTimestamp.ToShortUnits(_time.GetElapsedTime(_lastSenderReportAt));
        return new RtcpReportBlock(Ssrc, fraction, (int)Math.Clamp(lost, -0x80_0000, 0x7F_FFFF), ExtendedHighestSequence, Jitter, _lastSenderReport, dlsr);
    }
}
