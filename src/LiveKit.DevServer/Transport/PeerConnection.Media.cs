using System.Buffers.Binary;
using LiveKit.DevServer.Rtp;
using LiveKit.DevServer.Sdp;
using LiveKit.DevServer.Srtp;

namespace LiveKit.DevServer.Transport;

/// <summary>SRTP receive path and the forwarding send path.</summary>
internal sealed partial class PeerConnection
{
    private const int SendBufferSize = 1600;

    private readonly Lock _sendLock = new();
    private readonly byte[] _sendBuffer = new byte[SendBufferSize];
    private volatile SrtpContext? _srtpIn;
    private volatile SrtpContext? _srtpOut;

    /// <summary>
    /// Every decrypted RTP packet of a published track, on the receive thread. Attach before the client publishes;
    /// the handler forwards (see <see cref="ForwardedTrack.Forward"/>) and must not block.
    /// </summary>
    public event RtpPacketHandler? RtpReceived;

    private void OnSrtp(Span<byte> datagram)
    {
        var srtp = _srtpIn;
        if (srtp is null)
        {
            Counters.OnMediaBeforeKeys();
            return;
        }

        var status = srtp.UnprotectRtp(datagram, out int length);
        if (status != SrtpStatus.Ok)
        {
            Counters.OnSrtpFailure(status);
            return;
        }

        var packet = datagram[..length];
        if (RtpHeader.TryParse(packet, out var header) != RtpParseStatus.Success)
        {
            Counters.OnMalformedRtp();
            return;
        }

        if (!_tracksBySsrc.TryGetValue(header.Ssrc, out var track) && !TryLearnTrackByMid(packet, header, out track))
        {
            Counters.OnUnknownSsrc();
            return;
        }

        if (header.PayloadType != track!.PayloadType)
        {
            // Only the negotiated codec is forwarded (no RED, CN or DTMF was accepted).
            Counters.OnUnknownSsrc();
            return;
        }

        lock (track.StatisticsLock)
        {
            track.Statistics.OnPacket(header.SequenceNumber, header.Timestamp);
        }

        Counters.OnRtpReceived(length);
        var handler = RtpReceived;
        if (handler is null)
        {
            return;
        }

        try
        {
            handler(track, header, packet);
        }
#pragma warning disable CA1031 // The owner's fault must not stop the receive thread.
        catch (Exception ex)
#pragma warning restore CA1031
        {
            MediaTransportLog.CallbackFault(_logger, Id, ex);
        }
    }

    /// <summary>
    /// A section announced without a=ssrc: bind the first SSRC whose packets carry its mid in the RFC 8843 §15
    /// header extension.
    /// </summary>
    private bool TryLearnTrackByMid(ReadOnlySpan<byte> packet, in RtpHeader header, out RemoteTrack? track)
    {
        track = null;
        var awaiting = _sectionsAwaitingSsrc;
        if (awaiting.Count == 0 || !header.HasExtension)
        {
            return false;
        }

        var extensions = new RtpHeaderExtensionEnumerator(header.ExtensionProfile, packet.Slice(header.ExtensionOffset, header.ExtensionLength));
        foreach (var extension in extensions)
        {
            foreach (var section in awaiting.Values)
            {
                if (extension.Id == section.MidExtensionId && extension.Data.SequenceEqual(System.Text.Encoding.ASCII.GetBytes(section.Mid)))
                {
                    lock (_negotiationLock)
                    {
                        track = new RemoteTrack(this, section, header.Ssrc, TimeProvider);
                        PublishRemoteTracks([.. _remoteTracks, track]);
                        var remaining = new Dictionary<string, NegotiatedSection>(_sectionsAwaitingSsrc, StringComparer.Ordinal);
                        remaining.Remove(section.Mid);
                        _sectionsAwaitingSsrc = remaining;
                    }

                    TrackReceived?.Invoke(this, track);
                    return true;
                }
            }
        }

        return false;
    }

    /// <summary>Rewrite, cache (video), encrypt and send one forwarded packet; see <see cref="ForwardedTrack.Forward"/>.</summary>
    internal bool SendForwarded(ForwardedTrack track, in RtpHeader header, ReadOnlySpan<byte> packet)
    {
        var srtp = _srtpOut;
        var selected = _selected;
        if (srtp is null || selected is null || _closed || packet.Length + srtp.RtpOverhead > SendBufferSize)
        {
            return false;
        }

        lock (_sendLock)
        {
            var buffer = _sendBuffer.AsSpan();
            packet.CopyTo(buffer);
            var plain = buffer[..packet.Length];
            if (!track.Forwarder.TryRewrite(plain, header))
            {
                return false;
            }

            track.Cache?.Add(BinaryPrimitives.ReadUInt16BigEndian(plain[2..]), plain);
            if (srtp.ProtectRtp(buffer, packet.Length, out int length) != SrtpStatus.Ok)
            {
                return false;
            }

            _transport.Send(buffer[..length], selected);
            Counters.OnRtpSent(length);
            return true;
        }
    }

    /// <summary>Resends a cached packet of <paramref name="track"/>; caller holds the send lock.</summary>
    private bool ResendFromCache(ForwardedTrack track, ushort sequence)
    {
        var srtp = _srtpOut;
        var selected = _selected;
        if (track.Cache is null || srtp is null || selected is null)
        {
            return false;
        }

        int length = track.Cache.TryCopy(sequence, _sendBuffer.AsSpan(0, SendBufferSize - srtp.RtpOverhead));
        if (length == 0 || srtp.ProtectRtp(_sendBuffer, length, out int protectedLength) != SrtpStatus.Ok)
        {
            return false;
        }

        _transport.Send(_sendBuffer.AsSpan(0, protectedLength), selected);
        Counters.OnRtpSent(protectedLength);
        Counters.OnRetransmittedFromCache();
        return true;
    }

    /// <summary>A new source feeds <paramref name="track"/>: start a new continuous segment.</summary>
    internal void OnSourceChanged(ForwardedTrack track)
    {
        lock (_sendLock)
        {
            track.Forwarder.SwitchSource();
        }
    }
}
