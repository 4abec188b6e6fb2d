using System.Buffers.Binary;
using LiveKit.DevServer.Rtp;

namespace LiveKit.DevServer.Srtp;

/// <summary>
/// The SRTP and SRTCP cryptographic context of one direction of one DTLS-SRTP association (RFC 3711 §3.2): session
/// keys, and per SSRC the rollover counter, highest sequence number, SRTCP index and replay windows. Protect and
/// unprotect work in place on the caller's buffer and do not allocate.
/// </summary>
/// <remarks>
/// Threading: every call takes the context's lock, so one context may be shared by the receive thread and by timer
/// or forwarding threads. Use one context for sending and another for receiving, as the keys differ (RFC 5764 §4.2).
/// </remarks>
internal sealed class SrtpContext : IDisposable
{
    public const int DefaultMaxStreams = 64;

    private readonly Lock _lock = new();
    private readonly SrtpCipher _cipher;
    private readonly Dictionary<uint, SrtpStreamState> _streams = [];
    private readonly int _maxStreams;
    private bool _disposed;

    public SrtpContext(SrtpProtectionProfile profile, SrtpMasterKeys masterKeys, int maxStreams = DefaultMaxStreams)
        : this(profile, SrtpSessionKeys.Derive(profile, masterKeys), maxStreams)
    {
    }

    public SrtpContext(SrtpProtectionProfile profile, SrtpSessionKeys sessionKeys, int maxStreams = DefaultMaxStreams)
    {
        ArgumentNullException.ThrowIfNull(sessionKeys);
        ArgumentOutOfRangeException.ThrowIfLessThan(maxStreams, 1);
        Profile = profile;
        _maxStreams = maxStreams;
        _cipher = profile.IsAead() ? new SrtpAeadAesGcmCipher(sessionKeys) : new SrtpAesCmHmacSha1Cipher(profile, sessionKeys);
    }

    public SrtpProtectionProfile Profile { get; }

    /// <summary>Bytes <see cref="ProtectRtp"/> adds: the authentication tag.</summary>
    public int RtpOverhead => _cipher.RtpTagLength;

    /// <summary>Bytes <see cref="ProtectRtcp"/> adds: E||SRTCP index and the tag.</summary>
    public int RtcpOverhead => _cipher.RtcpTagLength + SrtpCipher.RtcpTrailerLength;

    /// <summary>
    /// Encrypts the RTP packet in the first <paramref name="length"/> bytes of <paramref name="buffer"/> and appends
    /// the tag (RFC 3711 §3.3 sender side); the sender's ROC follows the sequence number across wraps.
    /// </summary>
    public SrtpStatus ProtectRtp(Span<byte> buffer, int length, out int protectedLength)
    {
        protectedLength = 0;
        if (length > buffer.Length || RtpHeader.TryParseHeaderOnly(buffer[..length], out var header) != RtpParseStatus.Success)
        {
            return SrtpStatus.Malformed;
        }

        if (buffer.Length < length + RtpOverhead)
        {
            return SrtpStatus.BufferTooSmall;
        }

        lock (_lock)
        {
            if (_disposed)
            {
                return SrtpStatus.Closed;
            }

            if (!TryGetStream(header.Ssrc, out var stream))
            {
                return SrtpStatus.TooManyStreams;
            }

            long roc = stream.EstimateRoc(header.SequenceNumber);
            if (roc < 0)
            {
                roc = 0;
            }

            stream.Advance(roc, header.SequenceNumber);
            protectedLength = _cipher.EncryptRtp(buffer, length, header.HeaderLength, header.Ssrc, (uint)roc, header.SequenceNumber);
            return SrtpStatus.Ok;
        }
    }

    /// <summary>
    /// Authenticates and decrypts an SRTP packet in place (RFC 3711 §3.3 steps 1-6): index estimate, replay check,
    /// tag check, decryption, then ROC / s_l / replay-window update. <paramref name="length"/> is the RTP length.
    /// </summary>
    public SrtpStatus UnprotectRtp(Span<byte> packet, out int length)
    {
        length = 0;
        int tagLength = _cipher.RtpTagLength;
        if (packet.Length < RtpHeader.FixedLength + tagLength
            || RtpHeader.TryParseHeaderOnly(packet[..^tagLength], out var header) != RtpParseStatus.Success)
        {
            return SrtpStatus.Malformed;
        }

        lock (_lock)
        {
            if (_disposed)
            {
                return SrtpStatus.Closed;
            }

            // State for a new SSRC is kept only once a packet of it authenticates, so forged packets cost no memory.
            bool known = _streams.TryGetValue(header.Ssrc, out var stream);
            if (!known)
            {
                if (_streams.Count >= _maxStreams)
                {
                    return SrtpStatus.TooManyStreams;
                }

                stream = new SrtpStreamState();
            }

            long roc = stream!.EstimateRoc(header.SequenceNumber);
            if (roc < 0)
            {
                return SrtpStatus.ReplayDetected;
            }

            ulong index = SrtpIndexEstimator.Index(roc, header.SequenceNumber);
            if (!stream.RtpReplay.IsFresh(index))
            {
                return SrtpStatus.ReplayDetected;
            }

            if (!_cipher.DecryptRtp(packet, header.HeaderLength, header.Ssrc, (uint)roc, header.SequenceNumber))
            {
                return SrtpStatus.AuthenticationFailed;
            }

            stream.Advance(roc, header.SequenceNumber);
            stream.RtpReplay.Accept(index);
            if (!known)
            {
                _streams.Add(header.Ssrc, stream);
            }

            length = packet.Length - tagLength;
            return SrtpStatus.Ok;
        }
    }

    /// <summary>Encrypts a (compound) RTCP packet in place and appends E||index and the tag (RFC 3711 §3.4).</summary>
    public SrtpStatus ProtectRtcp(Span<byte> buffer, int length, out int protectedLength)
    {
        protectedLength = 0;
        if (length < 8 || length > buffer.Length || buffer[0] >> 6 != RtpHeader.Version2)
        {
            return SrtpStatus.Malformed;
        }

        if (buffer.Length < length + RtcpOverhead)
        {
            return SrtpStatus.BufferTooSmall;
        }

        uint ssrc = BinaryPrimitives.ReadUInt32BigEndian(buffer[4..]);
        lock (_lock)
        {
            if (_disposed)
            {
                return SrtpStatus.Closed;
            }

            if (!TryGetStream(ssrc, out var stream))
            {
                return SrtpStatus.TooManyStreams;
            }

            uint index = stream.NextRtcpIndex;
            stream.NextRtcpIndex = (index + 1) & 0x7FFF_FFFF;
            protectedLength = _cipher.EncryptRtcp(buffer, length, ssrc, index);
            return SrtpStatus.Ok;
        }
    }

    /// <summary>Authenticates and decrypts an SRTCP packet in place; <paramref name="length"/> is the RTCP length.</summary>
    public SrtpStatus UnprotectRtcp(Span<byte> packet, out int length)
    {
        length = 0;
        if (packet.Length < 8 + SrtpCipher.RtcpTrailerLength + _cipher.RtcpTagLength || packet[0] >> 6 != RtpHeader.Version2)
        {
            return SrtpStatus.Malformed;
        }

        uint ssrc = BinaryPrimitives.ReadUInt32BigEndian(packet[4..]);
        uint trailer = _cipher.ReadRtcpTrailer(packet);
        ulong index = trailer & 0x7FFF_FFFF;
        lock (_lock)
        {
            if (_disposed)
            {
                return SrtpStatus.Closed;
            }

            bool known = _streams.TryGetValue(ssrc, out var stream);
            if (!known)
            {
                if (_streams.Count >= _maxStreams)
                {
                    return SrtpStatus.TooManyStreams;
                }

                stream = new SrtpStreamState();
            }

            if (!stream!.RtcpReplay.IsFresh(index))
            {
                return SrtpStatus.ReplayDetected;
            }

            if (!_cipher.DecryptRtcp(packet, ssrc, trailer, out length))
            {
                length = 0;
                return SrtpStatus.AuthenticationFailed;
            }

            stream.RtcpReplay.Accept(index);
            if (!known)
            {
                _streams.Add(ssrc, stream);
            }

            return SrtpStatus.Ok;
        }
    }

    /// <summary>Sets a stream's ROC and s_l, as signalling may (RFC 3711 §3.3.1); used by tests and test vectors.</summary>
    public void SetRolloverCounter(uint ssrc, uint rolloverCounter, ushort highestSequence)
    {
        lock (_lock)
        {
            if (TryGetStream(ssrc, out var stream))
            {
                stream.RtpStarted = true;
                stream.RolloverCounter = rolloverCounter;
                stream.HighestSequence = highestSequence;
            }
        }
    }

    /// <summary>Sets the SRTCP index the next protected packet of <paramref name="ssrc"/> uses.</summary>
    public void SetNextRtcpIndex(uint ssrc, uint index)
    {
        lock (_lock)
        {
            if (TryGetStream(ssrc, out var stream))
            {
                stream.NextRtcpIndex = index & 0x7FFF_FFFF;
            }
        }
    }

    /// <summary>Forgets a stream's state (its SSRC left, RTCP BYE), freeing room under the stream limit.</summary>
    public void RemoveStream(uint ssrc)
    {
        lock (_lock)
        {
            _streams.Remove(ssrc);
        }
    }

    public int StreamCount
    {
        get
        {
            lock (_lock)
            {
                return _streams.Count;
            }
        }
    }

    /// <summary>Releases the ciphers; later calls return <see cref="SrtpStatus.Closed"/>. Safe against concurrent use.</summary>
    public void Dispose()
    {
        lock (_lock)
        {
            if (_disposed)
            {
                return;
            }

            _disposed = true;
            _cipher.Dispose();
        }
    }

    private bool TryGetStream(uint ssrc, out SrtpStreamState stream)
    {
        if (_streams.TryGetValue(ssrc, out stream!))
        {
            return true;
        }

        if (_streams.Count >= _maxStreams)
        {
            return false;
        }

        stream = new SrtpStreamState();
        _streams.Add(ssrc, stream);
        return true;
    }
}
