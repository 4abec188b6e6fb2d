namespace LiveKit.DevServer.Sctp;

/// <summary>
/// A restartable one-shot timer on a <see cref="TimeProvider"/> (RFC 4960 T1-init, T1-cookie, T2-shutdown, T3-rtx,
/// heartbeat, RE-CONFIG). <see cref="Start"/>, <see cref="Stop"/> and <see cref="TryExpire"/> are called under the
/// association lock; the callback only signals, and <see cref="TryExpire"/> decides, so a stale callback racing
/// with a restart does nothing and an early one re-arms for the remainder.
/// </summary>
internal sealed class SctpTimer : IDisposable
{
    private readonly TimeProvider _time;
    private readonly ITimer _timer;
    private long _deadline = long.MaxValue;

    public SctpTimer(TimeProvider time, Action onSignal)
    {
        _time = time;
        _timer = time.CreateTimer(static s => ((Action)s!)(), onSignal, Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);
    }

    public bool IsRunning => _deadline != long.MaxValue;

    public void Start(TimeSpan after)
    {
        _deadline = _time.GetTimestamp() + (long)(after.TotalSeconds * _time.TimestampFrequency);
        _timer.Change(after, Timeout.InfiniteTimeSpan);
    }

    public void Stop()
    {
        _deadline = long.MaxValue;
        _timer.Change(Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);
    }

    /// <summary>True exactly once per expiry; afterwards the timer is stopped until started again.</summary>
    public bool TryExpire()
    {
        if (_deadline == long.MaxValue)
        {
            return false;
        }

        long remaining = _deadline - _time.GetTimestamp();
        if (remaining > 0)
        {
            _timer.Change(TimeSpan.FromSeconds((double)remaining / _time.TimestampFrequency), Timeout.InfiniteTimeSpan);
            return false;
        }

        _deadline = long.MaxValue;
        return true;
    }

    public void Dispose() => _timer.Dispose();
}
