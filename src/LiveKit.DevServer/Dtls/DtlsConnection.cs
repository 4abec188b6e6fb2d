using Microsoft.Extensions.Logging;
using Org.BouncyCastle.Tls;

namespace LiveKit.DevServer.Dtls;

/// <summary>
/// One DTLS 1.2 association (client or server role) over a datagram transport, with use_srtp and SRTP key export
/// (RFC 5764) and an application-data channel for SCTP (RFC 8261).
/// </summary>
/// <remarks>
/// <para>Usage: construct with the transport's <see cref="IDatagramSender"/>, attach
/// <see cref="ApplicationDataReceived"/>, call <see cref="Start"/>, push every received DTLS datagram (RFC 7983
/// first byte 20..63) into <see cref="ReceiveDatagram"/>, await <see cref="Handshake"/> for the SRTP keys, then
/// <see cref="SendApplicationData"/>. <see cref="CloseAsync"/> sends close_notify and stops the worker.</para>
/// <para>Threading: BouncyCastle's DTLS engine is blocking, so each connection runs it on a dedicated worker thread
/// fed by a bounded queue. <see cref="ApplicationDataReceived"/> and <see cref="StateChanged"/> run on that worker.
/// Every other member is thread-safe. Closing completes the queue, which wakes the worker at once; the wait for it
/// is bounded by <see cref="DtlsOptions.CloseTimeout"/>, so shutdown never hangs.</para>
/// </remarks>
internal sealed partial class DtlsConnection : IDatagramSender, IAsyncDisposable
{
    private readonly Lock _gate = new();
    private readonly DtlsCertificate _certificate;
    private readonly DtlsOptions _options;
    private readonly TimeProvider _timeProvider;
    private readonly ILogger _logger;
    private readonly DtlsReceiveQueue _queue;
    private readonly BcDatagramTransport _transport;
    private readonly DtlsPeerOutcome _outcome;
    private readonly TaskCompletionSource<DtlsHandshakeResult> _handshake =
        new(TaskCreationOptions.RunContinuationsAsynchronously);

    private DtlsState _state = DtlsState.New;
    private volatile Org.BouncyCastle.Tls.DtlsTransport? _dtls;
    private ITimer? _handshakeTimer;
    private Task _worker = Task.CompletedTask;
    private bool _timedOut;
    private bool _closeRequested;

    public DtlsConnection(DtlsRole role, DtlsCertificate localCertificate, CertificateFingerprint remoteFingerprint,
        IDatagramSender sender, DtlsOptions options, TimeProvider timeProvider, ILogger logger)
    {
        ArgumentNullException.ThrowIfNull(localCertificate);
        ArgumentNullException.ThrowIfNull(remoteFingerprint);
        ArgumentNullException.ThrowIfNull(sender);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(timeProvider);
        ArgumentNullException.ThrowIfNull(logger);
        options.Validate();

        Role = role;
        _certificate = localCertificate;
        _options = options;
        _timeProvider = timeProvider;
        _logger = logger;
        _queue = new DtlsReceiveQueue(options.ReceiveQueueCapacity);
        _transport = new BcDatagramTransport(_queue, sender, Counters, options.Mtu);
        _outcome = new DtlsPeerOutcome(role, remoteFingerprint, options);
    }

    /// <summary>Decrypted application data (SCTP packets), on the worker thread. Attach before <see cref="Start"/>.</summary>
    public event DtlsApplicationDataHandler? ApplicationDataReceived;

    /// <summary>Raised on every state change, on the thread that caused it. Attach before <see cref="Start"/>.</summary>
    public event Action<DtlsConnection, DtlsState>? StateChanged;

    public DtlsRole Role { get; }

    public DtlsCounters Counters { get; } = new();

    public DtlsState State
    {
        get
        {
            lock (_gate)
            {
                return _state;
            }
        }
    }

    /// <summary>Completes with the agreed profile and keys, or faults with <see cref="DtlsHandshakeException"/>.</summary>
    public Task<DtlsHandshakeResult> Handshake => _handshake.Task;

    /// <summary>Largest application-data record that fits one datagram of <see cref="DtlsOptions.Mtu"/>; 0 before
    /// the handshake completes. SCTP sizes its packets by it.</summary>
    public int MaxApplicationDataSize => _dtls?.GetSendLimit() ?? 0;

    /// <summary>Starts the handshake worker and the handshake timer. Call once.</summary>
    public void Start()
    {
        lock (_gate)
        {
            if (_state != DtlsState.New)
            {
                throw new InvalidOperationException($"The DTLS connection was already started (state {_state}).");
            }

            _state = DtlsState.Handshaking;
            _handshakeTimer = _timeProvider.CreateTimer(static s => ((DtlsConnection)s!).OnHandshakeTimeout(), this,
                _options.HandshakeTimeout, Timeout.InfiniteTimeSpan);
            _worker = Task.Factory.StartNew(RunWorker, CancellationToken.None,
                TaskCreationOptions.LongRunning | TaskCreationOptions.DenyChildAttach, TaskScheduler.Default);
        }

        DtlsLog.HandshakeStarted(_logger, Role);
        RaiseStateChanged(DtlsState.Handshaking);
    }

    /// <summary>
    /// Hands a received DTLS datagram to the engine. Malformed datagrams (not a sequence of whole records, RFC 6347
    /// §4.1) are dropped and counted here, before they cost the worker anything. May be called before
    /// <see cref="Start"/> (a ClientHello can beat the answer SDP); never blocks.
    /// </summary>
    /// <returns>True when queued for the engine.</returns>
    public bool ReceiveDatagram(ReadOnlySpan<byte> datagram)
    {
        Counters.OnDatagramReceived();
        if (_transport.IsClosed)
        {
            Counters.OnDroppedAfterClose();
            return false;
        }

        if (!DtlsRecordHeader.IsWellFormedDatagram(datagram))
        {
            Counters.OnMalformedDatagram();
            DtlsLog.MalformedDatagram(_logger, Role, datagram.Length);
            return false;
        }

        if (!_queue.TryEnqueue(datagram))
        {
            if (_queue.IsCompleted)
            {
                Counters.OnDroppedAfterClose();
            }
            else
            {
                Counters.OnQueueOverflow();
            }

            return false;
        }

        return true;
    }

    /// <summary>
    /// Sends one application-data record (one SCTP packet). Never throws for network or state reasons: returns
    /// false (and counts) when not connected or when the record layer has failed; SCTP retransmits.
    /// </summary>
    /// <exception cref="ArgumentException">The data exceeds <see cref="MaxApplicationDataSize"/>.</exception>
    public bool SendApplicationData(ReadOnlySpan<byte> data)
    {
        Org.BouncyCastle.Tls.DtlsTransport? dtls = _dtls;
        if (dtls is null || _transport.IsClosed)
        {
            Counters.OnApplicationSendFailure();
            return false;
        }

        int limit = dtls.GetSendLimit();
        if (data.Length > limit)
        {
            throw new ArgumentException($"Application data of {data.Length} bytes exceeds the DTLS record limit of {limit} bytes.", nameof(data));
        }

        try
        {
            using (_transport.EnterEngine())
            {
                dtls.Send(data);
            }

            Counters.OnApplicationRecordSent();
            return true;
        }
        catch (Exception ex) when (ex is IOException or TlsException or InvalidOperationException)
        {
            Counters.OnApplicationSendFailure();
            return false;
        }
    }

    void IDatagramSender.Send(ReadOnlySpan<byte> datagram) => SendApplicationData(datagram);

    /// <summary>
    /// Sends close_notify if connected (RFC 5246 §7.2.1), aborts a handshake in progress, and waits (bounded) for
    /// the worker to stop. Idempotent.
    /// </summary>
    public async Task CloseAsync()
    {
        Org.BouncyCastle.Tls.DtlsTransport? dtls;
        lock (_gate)
        {
            _closeRequested = true;
            dtls = _dtls;
        }

        if (dtls is not null && !_transport.IsClosed)
        {
            try
            {
                using (_transport.EnterEngine())
                {
                    dtls.Close();
                }
            }
            catch (Exception ex) when (ex is IOException or TlsException)
            {
                // Best effort: the peer may already be gone.
            }
        }

        _transport.Close();
        FailHandshake(DtlsHandshakeFailure.Closed, "The DTLS connection was closed before the handshake completed.", null);

        try
        {
            await _worker.WaitAsync(_options.CloseTimeout, _timeProvider).ConfigureAwait(false);
        }
        catch (TimeoutException)
        {
            DtlsLog.WorkerDidNotStop(_logger, Role, _options.CloseTimeout);
        }

        EndConnection(null);
    }

    public async ValueTask DisposeAsync() => await CloseAsync().ConfigureAwait(false);

    private void RaiseStateChanged(DtlsState state)
    {
        try
        {
            StateChanged?.Invoke(this, state);
        }
#pragma warning disable CA1031 // A subscriber's fault must not kill the DTLS worker.
        catch (Exception ex)
#pragma warning restore CA1031
        {
            DtlsLog.HandlerFailed(_logger, Role, ex);
        }
    }
}
