using LiveKit.DevServer.Rtp;
using LiveKit.DevServer.Srtp;

namespace LiveKit.DevServer.Transport;

/// <summary>
/// RTCP: receiver reports towards publishers, sender reports towards subscribers (RFC 3550 §6.4), and relaying a
/// subscriber's NACK / PLI / FIR towards the source (RFC 4585 §6, RFC 5104 §4.3.1).
/// </summary>
internal sealed partial class PeerConnection
{
    private const string RtcpCname = "livekit-devserver";
    private const int MaxNackEntries = 128;

    private readonly ITimer _rtcpTimer;
    private readonly uint _localRtcpSsrc;
    private readonly Lock _rtcpLock = new();
    private readonly byte[] _rtcpBuffer = new byte[1500];

    private void OnSrtcp(Span<byte> datagram)
    {
        var srtp = _srtpIn;
        if (srtp is null)
        {
            Counters.OnMediaBeforeKeys();
            return;
        }

        var status = srtp.UnprotectRtcp(datagram, out int length);
        if (status != SrtpStatus.Ok)
        {
            Counters.OnSrtpFailure(status);
            return;
        }

        Counters.OnRtcpReceived();
        var reader = new RtcpCompoundReader(datagram[..length]);
        while (reader.TryReadNext(out var header, out var packet))
        {
            switch (header.Type)
            {
                case RtcpPacketType.SenderReport when RtcpReports.TryReadSenderReport(packet, out uint ssrc, out var info, out _):
                    if (_tracksBySsrc.TryGetValue(ssrc, out var track))
                    {
                        lock (track.StatisticsLock)
                        {
                            track.Statistics.OnSenderReport(info.NtpTimestamp);
                        }
                    }

                    break;
                case RtcpPacketType.TransportFeedback when header.Count == RtcpFeedbackFormat.GenericNack:
                    Counters.OnNackReceived();
                    if (RtcpFeedback.TryReadSsrcs(packet, out _, out _, out uint nacked) && _forwardedBySsrc.TryGetValue(nacked, out var nackedTrack))
                    {
                        HandleNack(nackedTrack, packet);
                    }

                    break;
                case RtcpPacketType.PayloadSpecificFeedback when header.Count == RtcpFeedbackFormat.PictureLossIndication:
                    Counters.OnKeyFrameRequestReceived();
                    if (RtcpFeedback.TryReadSsrcs(packet, out _, out _, out uint pli) && _forwardedBySsrc.TryGetValue(pli, out var pliTrack))
                    {
                        pliTrack.Source?.RequestKeyFrame();
                    }

                    break;
                case RtcpPacketType.PayloadSpecificFeedback when header.Count == RtcpFeedbackFormat.FullIntraRequest:
                    Counters.OnKeyFrameRequestReceived();
                    if (RtcpFeedback.TryReadFullIntraRequest(packet, out uint fir, out _) && _forwardedBySsrc.TryGetValue(fir, out var firTrack))
                    {
                        firTrack.Source?.RequestKeyFrame();
                    }

                    break;
            }
        }

        if (reader.Status != RtpParseStatus.Success)
        {
            Counters.OnMalformedRtcp();
        }
    }

    /// <summary>Answers what the packet cache still holds; asks the source for the rest, in its numbering.</summary>
    private void HandleNack(ForwardedTrack track, ReadOnlySpan<byte> packet)
    {
        Span<ushort> lost = stackalloc ushort[MaxNackEntries];
        int count = RtcpFeedback.ReadGenericNack(packet, lost);
        if (count <= 0)
        {
            return;
        }

        Span<ushort> relay = stackalloc ushort[MaxNackEntries];
        int relayed = 0;
        var source = track.Source;
        lock (_sendLock)
        {
            foreach (ushort sequence in lost[..count])
            {
                if (ResendFromCache(track, sequence))
                {
                    continue;
                }

                if (source is not null && track.Forwarder.TryMapToSource(sequence, out uint ssrc, out ushort sourceSequence) && ssrc == source.Ssrc)
                {
                    relay[relayed++] = sourceSequence;
                }
            }
        }

        // Outside our send lock: the source belongs to another connection with its own locks.
        if (relayed > 0)
        {
            source!.RequestRetransmission(relay[..relayed]);
        }
    }

    internal bool SendPictureLossIndication(uint mediaSsrc)
    {
        lock (_rtcpLock)
        {
            int length = RtcpFeedback.WritePictureLossIndication(_rtcpBuffer, _localRtcpSsrc, mediaSsrc);
            if (!ProtectAndSendRtcp(length))
            {
                return false;
            }

            Counters.OnKeyFrameRequestSent();
            return true;
        }
    }

    internal bool SendNack(uint mediaSsrc, ReadOnlySpan<ushort> sequenceNumbers)
    {
        if (sequenceNumbers.IsEmpty)
        {
            return false;
        }

        lock (_rtcpLock)
        {
            int length = RtcpFeedback.WriteGenericNack(_rtcpBuffer.AsSpan(0, 1000), _localRtcpSsrc, mediaSsrc, sequenceNumbers);
            if (!ProtectAndSendRtcp(length))
            {
                return false;
            }

            Counters.OnNackSent();
            return true;
        }
    }

    private void OnRtcpTimer()
    {
        if (State != PeerConnectionState.Connected)
        {
            return;
        }

        try
        {
            lock (_rtcpLock)
            {
                SendReceiverReports();
                SendSenderReports();
            }
        }
#pragma warning disable CA1031 // A timer callback must not take the process down.
        catch (Exception ex)
#pragma warning restore CA1031
        {
            MediaTransportLog.CallbackFault(_logger, Id, ex);
        }
    }

    /// <summary>One RR with a block per published track, then our SDES CNAME (RFC 3550 §6.1 compound rules).</summary>
    private void SendReceiverReports()
    {
        var tracks = _remoteTracks;
        if (tracks.Length == 0)
        {
            return;
        }

        Span<RtcpReportBlock> blocks = stackalloc RtcpReportBlock[Math.Min(tracks.Length, 31)];
        int count = 0;
        foreach (var track in tracks)
        {
            if (count == blocks.Length)
            {
                break;
            }

            lock (track.StatisticsLock)
            {
                if (track.Statistics.PacketsReceived > 0)
                {
                    blocks[count++] = track.Statistics.BuildReportBlock();
                }
            }
        }

        int length = RtcpReports.WriteReceiverReport(_rtcpBuffer, _localRtcpSsrc, blocks[..count]);
        length += RtcpSourceDescription.WriteCname(_rtcpBuffer.AsSpan(length), _localRtcpSsrc, RtcpCname);
        ProtectAndSendRtcp(length);
    }

    /// <summary>An SR and SDES per forwarded track that has sent something, so subscribers can sync and measure RTT.</summary>
    private void SendSenderReports()
    {
        ForwardedTrack[] tracks;
        lock (_negotiationLock)
        {
            tracks = [.. _forwarded];
        }

        var now = TimeProvider.GetUtcNow();
        foreach (var track in tracks)
        {
            RtcpSenderInfo info;
            lock (_sendLock)
            {
                if (!track.Forwarder.TryGetSenderInfo(now, out info))
                {
                    continue;
                }
            }

            int length = RtcpReports.WriteSenderReport(_rtcpBuffer, track.Ssrc, info, []);
            length += RtcpSourceDescription.WriteCname(_rtcpBuffer.AsSpan(length), track.Ssrc, track.Description.Cname);
            ProtectAndSendRtcp(length);
        }
    }

    /// <summary>Encrypts the first <paramref name="length"/> bytes of the RTCP buffer and sends; caller holds the RTCP lock.</summary>
    private bool ProtectAndSendRtcp(int length)
    {
        var srtp = _srtpOut;
        var selected = _selected;
        if (srtp is null || selected is null || _closed)
        {
            return false;
        }

        if (srtp.ProtectRtcp(_rtcpBuffer, length, out int protectedLength) != SrtpStatus.Ok)
        {
            return false;
        }

        _transport.Send(_rtcpBuffer.AsSpan(0, protectedLength), selected);
        Counters.OnRtcpSent();
        return true;
    }
}
