using Org.BouncyCastle.Tls;

namespace LiveKit.DevServer.Dtls;

/// <summary>
/// BouncyCastle's <see cref="DatagramTransport"/> over our receive queue and the transport layer's
/// <see cref="IDatagramSender"/>. Only the DTLS worker thread receives.
/// </summary>
/// <remarks>
/// BouncyCastle's record layer is not safe for an application send while the worker processes a received record:
/// retransmitting the final flight (RFC 6347 §4.2.4) switches the write epoch temporarily, and an application record
/// sent meanwhile would go out in the wrong epoch. The engine lock serialises the two: the worker holds it from the
/// moment a datagram is handed to BouncyCastle until BouncyCastle asks for the next one (or returns to our loop),
/// and every send or close from another thread takes it. The worker never holds it while waiting or while running
/// upper-layer callbacks, so there is no lock-order inversion with SCTP's lock.
/// </remarks>
internal sealed class BcDatagramTransport : DatagramTransport
{
    /// <summary>UDP payload limit for receiving: larger than any MTU we send, so nothing a peer sends is cut.</summary>
    private const int ReceiveLimit = 1500;

    private readonly DtlsReceiveQueue _queue;
    private readonly IDatagramSender _sender;
    private readonly DtlsCounters _counters;
    private readonly int _mtu;
    private readonly Lock _engine = new();
    private volatile bool _closed;

    // Touched by the worker thread only.
    private bool _workerHoldsEngine;

    public BcDatagramTransport(DtlsReceiveQueue queue, IDatagramSender sender, DtlsCounters counters, int mtu)
    {
        _queue = queue;
        _sender = sender;
        _counters = counters;
        _mtu = mtu;
    }

    public bool IsClosed => _closed;

    public int GetReceiveLimit() => ReceiveLimit;

    public int GetSendLimit() => _mtu;

    public int Receive(byte[] buf, int off, int len, int waitMillis) => Receive(buf.AsSpan(off, len), waitMillis);

    public int Receive(Span<byte> buffer, int waitMillis)
    {
        ReleaseEngineFromWorker();
        int received = _queue.Dequeue(buffer, waitMillis);
        _engine.Enter();
        _workerHoldsEngine = true;
        return received;
    }

    /// <summary>Worker thread only: gives the engine back once BouncyCastle returned control to our loop.</summary>
    public void ReleaseEngineFromWorker()
    {
        if (_workerHoldsEngine)
        {
            _workerHoldsEngine = false;
            _engine.Exit();
        }
    }

    /// <summary>Any thread but the worker inside BouncyCastle: exclusive use of the record layer for a send or close.</summary>
    public Lock.Scope EnterEngine() => _engine.EnterScope();

    public void Send(byte[] buf, int off, int len) => Send(buf.AsSpan(off, len));

    public void Send(ReadOnlySpan<byte> buffer)
    {
        // After close, BouncyCastle may still try to raise an alert from the worker; nothing leaves once closed.
        if (_closed)
        {
            return;
        }

        _counters.OnDatagramSent();
        _sender.Send(buffer);
    }

    /// <summary>Called by BouncyCastle after its close_notify or fatal alert went out, and by us on abort.</summary>
    public void Close()
    {
        _closed = true;
        _queue.Complete();
    }
}
