using System.Buffers;

namespace LiveKit.DevServer.Dtls;

/// <summary>
/// Bounded hand-off of received datagrams from the network thread to the blocking DTLS worker. Datagrams are copied
/// into pooled buffers; the worker copies them out and returns the buffer.
/// </summary>
/// <remarks>
/// Thread-safety: any number of producers, one consumer. <see cref="Complete"/> wakes the consumer at once, so a
/// close never waits for BouncyCastle's retransmission timeouts (the source of shutdown hangs).
/// </remarks>
internal sealed class DtlsReceiveQueue
{
    private readonly object _gate = new();
    private readonly Queue<(byte[] Buffer, int Length)> _items = new();
    private readonly int _capacity;
    private bool _completed;

    public DtlsReceiveQueue(int capacity)
    {
        _capacity = capacity;
    }

    public bool IsCompleted
    {
        get
        {
            lock (_gate)
            {
                return _completed;
            }
        }
    }

    /// <summary>Copies and enqueues a datagram; false when full or completed (the caller counts the drop).</summary>
    public bool TryEnqueue(ReadOnlySpan<byte> datagram)
    {
        byte[] buffer = ArrayPool<byte>.Shared.Rent(datagram.Length);
        datagram.CopyTo(buffer);
        lock (_gate)
        {
            if (!_completed && _items.Count < _capacity)
            {
                _items.Enqueue((buffer, datagram.Length));
                Monitor.PulseAll(_gate);
                return true;
            }
        }

        ArrayPool<byte>.Shared.Return(buffer);
        return false;
    }

    /// <summary>
    /// Waits for a datagram and copies it into <paramref name="destination"/> (truncating if it does not fit).
    /// <paramref name="waitMillis"/> of zero waits without limit, as BouncyCastle's DatagramReceiver contract says.
    /// </summary>
    /// <returns>The datagram length, or -1 on timeout.</returns>
    /// <exception cref="IOException">The queue was completed (connection closing).</exception>
    public int Dequeue(Span<byte> destination, int waitMillis)
    {
        (byte[] Buffer, int Length) item;
        lock (_gate)
        {
            // Wall-clock wait on purpose: BouncyCastle computes these waits from its own clock
            // (DateTimeUtilities.CurrentUnixMs) for its flight retransmissions, so they cannot follow a TimeProvider.
            long deadline = waitMillis == 0 ? long.MaxValue : Environment.TickCount64 + waitMillis;
            while (_items.Count == 0)
            {
                if (_completed)
                {
                    throw new IOException("The DTLS connection is closed.");
                }

                long remaining = deadline - Environment.TickCount64;
                if (remaining <= 0)
                {
                    return -1;
                }

                Monitor.Wait(_gate, (int)Math.Min(remaining, int.MaxValue));
            }

            item = _items.Dequeue();
        }

        try
        {
            int length = Math.Min(item.Length, destination.Length);
            item.Buffer.AsSpan(0, length).CopyTo(destination);
            return length;
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(item.Buffer);
        }
    }

    /// <summary>Stops the queue: pending datagrams are released, the consumer wakes with an exception.</summary>
    public void Complete()
    {
        lock (_gate)
        {
            _completed = true;
            while (_items.Count > 0)
            {
                ArrayPool<byte>.Shared.Return(_items.Dequeue().Buffer);
            }

            Monitor.PulseAll(_gate);
        }
    }
}
