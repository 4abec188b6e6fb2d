using System.Threading.Tasks.Sources;

namespace LiveKit.Rtc.Internal;

/// <summary>
/// Bounded single-reader queue of received frames, written on the core's threads. When full, the oldest frame
/// is dropped (live audio prefers fresh data to complete data) and its pooled buffer returned.
/// </summary>
/// <remarks>
/// Why not a Channel: a bounded channel allocates a waiter for every wait with a cancelable token, and an
/// async wrapper around wait-then-read allocates when its pooled box misses. This queue reuses one
/// <see cref="ManualResetValueTaskSourceCore{TResult}"/> and hands a frame straight to a waiting reader, so
/// <see cref="ReadAsync"/> allocates nothing. Continuations always run on the thread pool, never on the
/// core's thread that wrote the frame.
/// </remarks>
internal sealed class AudioFrameQueue : IValueTaskSource<bool>
{
    private readonly Lock _gate = new();
    private readonly AudioFrame[] _ring;
    private readonly short[]?[] _pool;
    private int _poolCount;
    private ManualResetValueTaskSourceCore<bool> _waiter = new() { RunContinuationsAsynchronously = true };
    private int _head;
    private int _count;
    private bool _completed;
    private bool _waiting;
    private AudioFrame _handoff;
    private long _dropped;

    public AudioFrameQueue(int capacity)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(capacity);
        _ring = new AudioFrame[capacity];
        // Enough for a full ring, the frame being read and the one being written.
        _pool = new short[]?[capacity + 2];
    }

    public long Dropped => Interlocked.Read(ref _dropped);

    public int Count
    {
        get
        {
            lock (_gate)
            {
                return _count;
            }
        }
    }

    /// <summary>Adds a frame; returns false (and recycles it) when the queue is completed.</summary>
    public bool TryWrite(AudioFrame frame, out bool droppedOldest)
    {
        AudioFrame recycle = default;
        bool accepted = true;
        bool signal = false;
        droppedOldest = false;
        lock (_gate)
        {
            if (_completed)
            {
                recycle = frame;
                accepted = false;
            }
            else if (_waiting)
            {
                // The reader is waiting, so the ring is empty: hand the frame over directly.
                _waiting = false;
                _handoff = frame;
                signal = true;
            }
            else
            {
                if (_count == _ring.Length)
                {
                    recycle = _ring[_head];
                    _ring[_head] = default;
                    _head = (_head + 1) % _ring.Length;
                    _count--;
                    droppedOldest = true;
                }
                _ring[(_head + _count) % _ring.Length] = frame;
                _count++;
            }
        }
        Recycle(recycle);
        if (droppedOldest)
        {
            Interlocked.Increment(ref _dropped);
        }
        if (signal)
        {
            _waiter.SetResult(true);
        }
        return accepted;
    }

    /// <summary>The frame of the last <see cref="ReadAsync"/> that returned true; the caller now owns it.</summary>
    public AudioFrame TakeRead()
    {
        lock (_gate)
        {
            var frame = _handoff;
            _handoff = default;
            return frame;
        }
    }

    public bool TryRead(out AudioFrame frame)
    {
        lock (_gate)
        {
            if (_count == 0)
            {
                frame = default;
                return false;
            }
            frame = _ring[_head];
            _ring[_head] = default;
            _head = (_head + 1) % _ring.Length;
            _count--;
            return true;
        }
    }

    /// <summary>
    /// Completes with true when a frame was taken (read it with <see cref="TakeRead"/>), false when the queue is
    /// completed and empty.
    /// </summary>
    public ValueTask<bool> ReadAsync()
    {
        lock (_gate)
        {
            if (_count > 0)
            {
                _handoff = _ring[_head];
                _ring[_head] = default;
                _head = (_head + 1) % _ring.Length;
                _count--;
                return new ValueTask<bool>(true);
            }
            if (_completed)
            {
                return new ValueTask<bool>(false);
            }
            if (_waiting)
            {
                throw new InvalidOperationException("An AudioStream supports one reader at a time.");
            }
            _waiter.Reset();
            _waiting = true;
            return new ValueTask<bool>(this, _waiter.Version);
        }
    }

    /// <summary>Fails a pending wait with cancellation (the reader's token fired).</summary>
    public void CancelWait(CancellationToken cancellationToken)
    {
        bool signal;
        lock (_gate)
        {
            signal = _waiting;
            _waiting = false;
        }
        if (signal)
        {
            _waiter.SetException(new OperationCanceledException(cancellationToken));
        }
    }

    /// <summary>No more frames will come; the reader drains what is queued, then ends.</summary>
    public void Complete()
    {
        bool signal;
        lock (_gate)
        {
            if (_completed)
            {
                return;
            }
            _completed = true;
            signal = _waiting;
            _waiting = false;
        }
        if (signal)
        {
            _waiter.SetResult(false);
        }
    }

    /// <summary>Completes and returns every queued buffer to the pool.</summary>
    public void CompleteAndDrain()
    {
        Complete();
        while (TryRead(out var frame))
        {
            Recycle(frame);
        }
        Recycle(TakeRead());
    }

    /// <summary>
    /// A buffer for a frame of <paramref name="length"/> samples. Each stream keeps its own small pool: frames of
    /// one stream all have the same size, and the shared ArrayPool misses (and allocates) once many streams keep
    /// more buffers in flight than its per-core caches hold.
    /// </summary>
    public short[] Rent(int length)
    {
        lock (_gate)
        {
            while (_poolCount > 0)
            {
                var buffer = _pool[--_poolCount];
                _pool[_poolCount] = null;
                if (buffer!.Length >= length)
                {
                    return buffer;
                }
            }
        }
        return new short[length];
    }

    /// <summary>Takes back a frame's buffer (a frame not rented here is ignored).</summary>
    public void Recycle(AudioFrame frame)
    {
        if (frame.PooledBuffer is not { } buffer)
        {
            return;
        }
        lock (_gate)
        {
            if (_poolCount < _pool.Length)
            {
                _pool[_poolCount++] = buffer;
            }
        }
    }

    bool IValueTaskSource<bool>.GetResult(short token) => _waiter.GetResult(token);

    ValueTaskSourceStatus IValueTaskSource<bool>.GetStatus(short token) => _waiter.GetStatus(token);

    void IValueTaskSource<bool>.OnCompleted(Action<object?> continuation, object? state, short token, ValueTaskSourceOnCompletedFlags flags)
        => _waiter.OnCompleted(continuation, state, token, flags);
}
