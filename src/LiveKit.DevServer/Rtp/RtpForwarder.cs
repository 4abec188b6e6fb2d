using System.Security.Cryptography;

namespace LiveKit.DevServer.Rtp;

/// <summary>
/// Rewrites one source's RTP packets for one subscriber (a "down track"): our SSRC and the subscriber's payload
/// type, and sequence numbers and timestamps that stay continuous when the source changes (a re-publish with a new
/// SSRC, a re-subscription, an explicit <see cref="SwitchSource"/>). RFC 3550 §5.1 requires both to run on
/// without jumps for one SSRC; across a switch the sequence continues at last+1 and the timestamp advances by the
/// wallclock time that passed, in clock-rate units. It also keeps the counts and the RTP/NTP mapping for sender
/// reports (§6.4.1), and maps our sequence numbers back to the source's for NACK relay (RFC 4585 §6.2.1).
/// </summary>
/// <remarks>Not thread-safe: one forwarding thread per subscriber track, or the caller's lock.</remarks>
internal sealed class RtpForwarder
{
    private readonly TimeProvider _time;
    private bool _started;
    private bool _switchPending;
    private uint _sourceSsrc;
    private uint? _previousSourceSsrc;
    private ushort _sequenceOffset;
    private uint _timestampOffset;
    private ushort _firstSequenceOfSource;
    private ushort _lastSequence;
    private uint _lastTimestamp;
    private long _lastSentAt;

    public RtpForwarder(uint ssrc, byte payloadType, uint clockRate, TimeProvider timeProvider, ushort? initialSequence = null, uint? initialTimestamp = null)
    {
        ArgumentNullException.ThrowIfNull(timeProvider);
        ArgumentOutOfRangeException.ThrowIfZero(clockRate);
        Ssrc = ssrc;
        PayloadType = payloadType;
        ClockRate = clockRate;
        _time = timeProvider;

        // RFC 3550 §5.1: initial sequence number and timestamp are random.
        _lastSequence = (ushort)((initialSequence ?? (ushort)RandomNumberGenerator.GetInt32(0, 0x8000)) - 1);
        _lastTimestamp = initialTimestamp ?? (uint)RandomNumberGenerator.GetInt32(int.MaxValue);
    }

    /// <summary>The SSRC the subscriber sees.</summary>
    public uint Ssrc { get; }

    /// <summary>The payload type negotiated with the subscriber.</summary>
    public byte PayloadType { get; }

    public uint ClockRate { get; }

    /// <summary>SSRC of the source currently forwarded; null before the first packet.</summary>
    public uint? SourceSsrc => _started ? _sourceSsrc : null;

    public long PacketsSent { get; private set; }

    public long OctetsSent { get; private set; }

    /// <summary>The next packet starts a new source segment, whatever its SSRC (re-subscription, source change).</summary>
    public void SwitchSource() => _switchPending = true;

    /// <summary>
    /// Rewrites SSRC, payload type, sequence number and timestamp of <paramref name="packet"/> in place. Returns
    /// false, leaving the packet alone, for a straggler of the source forwarded before the last switch.
    /// </summary>
    public bool TryRewrite(Span<byte> packet, in RtpHeader header)
    {
        long now = _time.GetTimestamp();
        if (!_started || _switchPending || header.Ssrc != _sourceSsrc)
        {
            if (_started && !_switchPending && header.Ssrc == _previousSourceSsrc)
            {
                return false;
            }

            StartSegment(header, now);
        }

        ushort sequence = (ushort)(header.SequenceNumber + _sequenceOffset);
        uint timestamp = header.Timestamp + _timestampOffset;
        if (SequenceNumbers.IsNewer(sequence, _lastSequence))
        {
            _lastSequence = sequence;
            _lastTimestamp = timestamp;
            _lastSentAt = now;
        }

        RtpHeaderFields.SetSsrc(packet, Ssrc);
        RtpHeaderFields.SetPayloadType(packet, PayloadType);
        RtpHeaderFields.SetSequenceNumber(packet, sequence);
        RtpHeaderFields.SetTimestamp(packet, timestamp);
        PacketsSent++;
        OctetsSent += header.PayloadLength;
        return true;
    }

    /// <summary>
    /// Maps a sequence number we sent back to the current source's, for relaying a NACK; false when it belongs to
    /// an earlier source segment or was never sent.
    /// </summary>
    public bool TryMapToSource(ushort sequence, out uint sourceSsrc, out ushort sourceSequence)
    {
        sourceSsrc = _sourceSsrc;
        sourceSequence = (ushort)(sequence - _sequenceOffset);
        return _started
            && !SequenceNumbers.IsNewer(_firstSequenceOfSource, sequence)
            && !SequenceNumbers.IsNewer(sequence, _lastSequence);
    }

    /// <summary>
    /// Sender information for an SR at <paramref name="wallclock"/>: the RTP time is extrapolated from the last
    /// packet sent, so a receiver can map both clocks (RFC 3550 §6.4.1). False before anything was sent.
    /// </summary>
    public bool TryGetSenderInfo(DateTimeOffset wallclock, out RtcpSenderInfo info)
    {
        info = default;
        if (!_started)
        {
            return false;
        }

        var since = _time.GetElapsedTime(_lastSentAt);
        uint rtp = _lastTimestamp + (uint)(since.Ticks * ClockRate / TimeSpan.TicksPerSecond);
        info = new RtcpSenderInfo(NtpTimestamp.FromDateTime(wallclock), rtp, (uint)PacketsSent, (uint)OctetsSent);
        return true;
    }

    private void StartSegment(in RtpHeader header, long now)
    {
        ushort sequence = (ushort)(_lastSequence + 1);
        uint timestamp = _lastTimestamp;
        if (_started)
        {
            // Advance by the time that passed since the last packet, at least one tick so timestamps never repeat.
            long elapsed = _time.GetElapsedTime(_lastSentAt, now).Ticks * ClockRate / TimeSpan.TicksPerSecond;
            timestamp += (uint)Math.Clamp(elapsed, 1, int.MaxValue);
            if (header.Ssrc != _sourceSsrc)
            {
                _previousSourceSsrc = _sourceSsrc;
            }
        }

        _sequenceOffset = (ushort)(sequence - header.SequenceNumber);
        _timestampOffset = timestamp - header.Timestamp;
        _sourceSsrc = header.Ssrc;
        _firstSequenceOfSource = sequence;
        _lastSequence = (ushort)(sequence - 1);
        _lastSentAt = now;
        _started = true;
        _switchPending = false;
    }
}
