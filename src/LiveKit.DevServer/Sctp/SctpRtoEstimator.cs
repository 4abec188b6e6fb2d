namespace LiveKit.DevServer.Sctp;

/// <summary>Retransmission timeout from RTT measurements (RFC 4960 §6.3.1), with back-off on expiry (§6.3.3 E2).</summary>
internal sealed class SctpRtoEstimator
{
    private const double Alpha = 1.0 / 8;
    private const double Beta = 1.0 / 4;

    private readonly TimeSpan _min;
    private readonly TimeSpan _max;
    private double _srttSeconds;
    private double _rttvarSeconds;

    public SctpRtoEstimator(TimeSpan initial, TimeSpan min, TimeSpan max)
    {
        _min = min;
        _max = max;
        Rto = initial;
    }

    public TimeSpan Rto { get; private set; }

    /// <summary>Smoothed RTT, null before the first measurement.</summary>
    public TimeSpan? SmoothedRtt { get; private set; }

    public void OnMeasurement(TimeSpan rtt)
    {
        double r = Math.Max(rtt.TotalSeconds, 0);
        if (SmoothedRtt is null)
        {
            // C1: SRTT <- R, RTTVAR <- R/2.
            _srttSeconds = r;
            _rttvarSeconds = r / 2;
        }
        else
        {
            // C2: RTTVAR <- (1 - Beta) * RTTVAR + Beta * |SRTT - R'|; SRTT <- (1 - Alpha) * SRTT + Alpha * R'.
            _rttvarSeconds = ((1 - Beta) * _rttvarSeconds) + (Beta * Math.Abs(_srttSeconds - r));
            _srttSeconds = ((1 - Alpha) * _srttSeconds) + (Alpha * r);
        }

        SmoothedRtt = TimeSpan.FromSeconds(_srttSeconds);
        // C3: RTO <- SRTT + 4 * RTTVAR, then C6/C7: clamp to [RTO.Min, RTO.Max].
        Rto = Clamp(TimeSpan.FromSeconds(_srttSeconds + (4 * _rttvarSeconds)));
    }

    /// <summary>E2: RTO doubles on each T3-rtx (or T1/T2) expiry, up to RTO.Max.</summary>
    public void BackOff() => Rto = Clamp(Rto * 2);

    private TimeSpan Clamp(TimeSpan value) => value < _min ? _min : value > _max ? _max : value;
}
