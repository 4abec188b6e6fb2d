using System.Security.Cryptography;
using LiveKit.DevServer.Dtls;
using Microsoft.Extensions.Logging;

namespace LiveKit.DevServer.Sctp;

/// <summary>
/// One SCTP association as WebRTC data channels use it over DTLS (RFC 8831, RFC 8261): the RFC 4960 subset of a
/// single path, plus partial reliability (RFC 3758 FORWARD TSN) and stream reset (RFC 6525). Either side may
/// initiate (<see cref="Connect"/>) or wait for the peer's INIT; simultaneous INITs are resolved (§5.2.1, §5.2.4).
/// </summary>
/// <remarks>
/// <para>Wiring: outgoing packets go to the <see cref="IDatagramSender"/> (a <see cref="DtlsConnection"/>);
/// received DTLS application data goes to <see cref="HandlePacket"/>.</para>
/// <para>Threading: every entry point (packet input, sends, timer expiries) runs under one lock and never blocks;
/// events are raised after the lock is released, one at a time and in order, on whichever thread produced them.
/// A handler may call back into the association.</para>
/// </remarks>
internal sealed partial class SctpAssociation : IDisposable
{
    /// <summary>Largest distance of an accepted TSN from the cumulative TSN: bounds the gap bookkeeping.</summary>
    private const uint MaxTsnLookahead = ushort.MaxValue;

    /// <summary>Most out-of-order TSNs held above the cumulative TSN: bounds per-chunk bookkeeping, which the
    /// byte-based receive window does not (a peer could send many one-byte chunks).</summary>
    private const int MaxOutOfOrderChunks = 4096;

    private readonly object _lock = new();
    private readonly SctpOptions _options;
    private readonly IDatagramSender _lower;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly SctpPacketWriter _writer;
    private readonly byte[] _cookieSecret = RandomNumberGenerator.GetBytes(32);
    private readonly SctpRtoEstimator _rto;
    private readonly SctpTimer _t1;
    private readonly SctpTimer _t2;
    private readonly SctpTimer _t3;
    private readonly SctpTimer _heartbeatTimer;
    private readonly SctpTimer _reconfigTimer;
    private readonly SctpReassembly _reassembly;
    private readonly TaskCompletionSource<bool> _established = new(TaskCreationOptions.RunContinuationsAsynchronously);

    private SctpAssociationState _state = SctpAssociationState.Closed;
    private bool _terminated;
    private string? _closeReason;

    // Tags and what was negotiated (RFC 4960 §5.1).
    private uint _localTag;
    private uint _peerTag;
    private uint _localInitialTsn;
    private ushort _outboundStreamCount;
    private ushort _inboundStreamCount;
    private bool _peerForwardTsn;
    private bool _peerReconfig;
    private int _initAttempts;
    private TimeSpan _t1Interval;
    private byte[]? _cookieToEcho;

    public SctpAssociation(SctpOptions options, IDatagramSender lower, TimeProvider timeProvider, ILogger logger)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(lower);
        ArgumentNullException.ThrowIfNull(timeProvider);
        ArgumentNullException.ThrowIfNull(logger);
        options.Validate();

        _options = options;
        _lower = lower;
        _time = timeProvider;
        _logger = logger;
        _writer = new SctpPacketWriter(options.MaxPacketSize);
        _rto = new SctpRtoEstimator(options.RtoInitial, options.RtoMin, options.RtoMax);
        _t1 = new SctpTimer(timeProvider, () => OnTimer(TimerKind.T1));
        _t2 = new SctpTimer(timeProvider, () => OnTimer(TimerKind.T2));
        _t3 = new SctpTimer(timeProvider, () => OnTimer(TimerKind.T3));
        _heartbeatTimer = new SctpTimer(timeProvider, () => OnTimer(TimerKind.Heartbeat));
        _reconfigTimer = new SctpTimer(timeProvider, () => OnTimer(TimerKind.Reconfig));
        _reassembly = new SctpReassembly(options.MaxMessageSize, Counters, OnMessageReassembled);
        _cwnd = InitialCwnd;
        _ssthresh = int.MaxValue;
    }

    private enum TimerKind
    {
        T1,
        T2,
        T3,
        Heartbeat,
        Reconfig,
    }

    public SctpCounters Counters { get; } = new();

    public SctpAssociationState State
    {
        get
        {
            lock (_lock)
            {
                return _state;
            }
        }
    }

    /// <summary>Why the association closed, once it has.</summary>
    public string? CloseReason
    {
        get
        {
            lock (_lock)
            {
                return _closeReason;
            }
        }
    }

    /// <summary>Completes true when established, false if it closed first.</summary>
    public Task<bool> WhenEstablished => _established.Task;

    /// <summary>Outbound streams agreed (min of our OS and the peer's MIS); 0 before establishment.</summary>
    public ushort OutboundStreamCount
    {
        get
        {
            lock (_lock)
            {
                return _outboundStreamCount;
            }
        }
    }

    /// <summary>Payload bytes queued or sent but not yet acknowledged (a data channel's bufferedAmount).</summary>
    public long BufferedAmount
    {
        get
        {
            lock (_lock)
            {
                return _bufferedAmount;
            }
        }
    }

    /// <summary>Largest packet this association sends (<see cref="SctpOptions.MaxPacketSize"/>).</summary>
    public int MaxPacketSize => _options.MaxPacketSize;

    /// <summary>Current retransmission timeout (RFC 4960 §6.3.1).</summary>
    public TimeSpan Rto
    {
        get
        {
            lock (_lock)
            {
                return _rto.Rto;
            }
        }
    }

    /// <summary>Sends INIT (RFC 4960 §5.1 step A). In WebRTC the DTLS client usually does; either side may.</summary>
    public void Connect()
    {
        lock (_lock)
        {
            if (_state != SctpAssociationState.Closed || _terminated || _localTag != 0)
            {
                throw new InvalidOperationException($"The SCTP association cannot connect in state {_state}.");
            }

            _localTag = RandomTag();
            InitializeSendState(RandomTsn());
            _initAttempts = 1;
            _t1Interval = _options.RtoInitial;
            SendInit();
            SetState(SctpAssociationState.CookieWait);
            _t1.Start(_t1Interval);
        }

        DispatchEvents();
    }

    /// <summary>
    /// Feeds one received SCTP packet (one DTLS application-data record). Malformed packets (bad CRC32c, bad
    /// framing) and packets with a wrong verification tag are dropped and counted, never thrown.
    /// </summary>
    public void HandlePacket(ReadOnlySpan<byte> packet)
    {
        lock (_lock)
        {
            if (!_terminated)
            {
                ProcessPacket(packet);
            }
        }

        DispatchEvents();
    }

    /// <summary>Sends ABORT (RFC 4960 §9.1) if there is a peer to tell, and closes at once.</summary>
    public void Abort(string reason)
    {
        lock (_lock)
        {
            if (_terminated)
            {
                return;
            }

            if (_peerTag != 0 && _state != SctpAssociationState.Closed)
            {
                SendAbort(SctpErrorCause.UserInitiatedAbort);
            }

            EnterClosed(reason);
        }

        DispatchEvents();
    }

    /// <summary>Stops timers and releases buffers without telling the peer. Idempotent.</summary>
    public void Dispose()
    {
        lock (_lock)
        {
            if (!_terminated)
            {
                EnterClosed("disposed");
            }
        }

        DispatchEvents();
        _t1.Dispose();
        _t2.Dispose();
        _t3.Dispose();
        _heartbeatTimer.Dispose();
        _reconfigTimer.Dispose();
        lock (_lock)
        {
            _writer.Dispose();
        }
    }

    private static uint RandomTag()
    {
        uint tag;
        do
        {
            tag = (uint)RandomNumberGenerator.GetInt32(int.MinValue, int.MaxValue);
        }
        while (tag == 0);
        return tag;
    }

    private static uint RandomTsn() => (uint)RandomNumberGenerator.GetInt32(int.MinValue, int.MaxValue);

    private void OnTimer(TimerKind kind)
    {
        lock (_lock)
        {
            if (_terminated)
            {
                return;
            }

            switch (kind)
            {
                case TimerKind.T1 when _t1.TryExpire():
                    OnT1Expired();
                    break;
                case TimerKind.T2 when _t2.TryExpire():
                    OnT2Expired();
                    break;
                case TimerKind.T3 when _t3.TryExpire():
                    OnT3Expired();
                    break;
                case TimerKind.Heartbeat when _heartbeatTimer.TryExpire():
                    OnHeartbeatTimer();
                    break;
                case TimerKind.Reconfig when _reconfigTimer.TryExpire():
                    OnReconfigTimer();
                    break;
                default:
                    break;
            }
        }

        DispatchEvents();
    }

    private void SetState(SctpAssociationState state)
    {
        if (_state == state)
        {
            return;
        }

        SctpAssociationState previous = _state;
        _state = state;
        SctpLog.StateChanged(_logger, previous, state);
        EnqueueStateChanged(state);
    }

    /// <summary>Terminal: timers stop, every held buffer is released, later input is ignored.</summary>
    private void EnterClosed(string reason)
    {
        _terminated = true;
        _closeReason = reason;
        _t1.Stop();
        _t2.Stop();
        _t3.Stop();
        _heartbeatTimer.Stop();
        _reconfigTimer.Stop();
        ReleaseSendBuffers();
        _reassembly.Clear();
        SctpLog.Closed(_logger, reason);
        SetState(SctpAssociationState.Closed);
        if (!_established.Task.IsCompleted)
        {
            _established.TrySetResult(false);
        }
    }

    /// <summary>Sends a packet with a single chunk, now (control chunks that answer the peer).</summary>
    private void SendSingleChunk(SctpChunkType type, byte flags, ReadOnlySpan<byte> value, uint verificationTag)
    {
        _writer.Begin(_options.LocalPort, _options.RemotePort, verificationTag);
        if (_writer.TryAddChunk(type, flags, value.Length, out Span<byte> destination))
        {
            value.CopyTo(destination);
            FlushPacket();
        }
    }

    private void FlushPacket()
    {
        if (_writer.HasChunks)
        {
            Counters.AddPacketsSent();
            _lower.Send(_writer.Finish());
        }
    }
}
