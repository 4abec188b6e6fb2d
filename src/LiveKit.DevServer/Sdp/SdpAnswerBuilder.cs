using System.Globalization;

namespace LiveKit.DevServer.Sdp;

/// <summary>
/// Answers a client's offer on the publisher peer connection (JSEP, RFC 8829 §5.3): the same sections in the same
/// order with the same mids; Opus (and VP8) accepted, received only (we never send on this connection); sections the
/// client does not send on answered inactive; data channels accepted; anything else rejected with port 0. We answer
/// a=setup:passive, so the client is the DTLS client (RFC 8842 §5.3), and we are ICE-lite with one host candidate.
/// </summary>
internal static class SdpAnswerBuilder
{
    public static bool TryBuild(SessionDescription offer, SdpLocalParameters local, SdpAnswerOptions options, ulong sessionVersion, out SdpAnswer? answer, out string? error)
    {
        ArgumentNullException.ThrowIfNull(offer);
        ArgumentNullException.ThrowIfNull(local);
        ArgumentNullException.ThrowIfNull(options);
        answer = null;
        if (!SdpRemoteTransport.TryRead(offer, out var remote, out error))
        {
            return false;
        }

        if (remote!.Setup == SdpSetupRole.Passive)
        {
            error = "The offer has a=setup:passive; this server is always the DTLS server (a=setup:passive).";
            return false;
        }

        var description = new SessionDescription
        {
            Origin = string.Create(CultureInfo.InvariantCulture, $"- {local.SessionId} {sessionVersion} IN IP4 127.0.0.1"),
        };
        var sections = new List<NegotiatedSection>(offer.Media.Count);
        var bundle = new List<string>();
        for (int i = 0; i < offer.Media.Count; i++)
        {
            var offered = offer.Media[i];
            string mid = offered.Mid ?? i.ToString(CultureInfo.InvariantCulture);
            var (media, section) = AnswerSection(offered, mid, local, options);
            description.Media.Add(media);
            sections.Add(section);
            if (section.Accepted)
            {
                bundle.Add(mid);
            }
        }

        SdpSectionWriter.AddSessionAttributes(description, bundle);
        if (offer.Has(SdpNames.ExtmapAllowMixed))
        {
            description.Attributes.Add(new SdpAttribute(SdpNames.ExtmapAllowMixed));
        }
        answer = new SdpAnswer(description, remote, sections);
        return true;
    }

    private static (MediaDescription Media, NegotiatedSection Section) AnswerSection(MediaDescription offered, string mid, SdpLocalParameters local, SdpAnswerOptions options)
    {
        var kind = offered.Kind;
        var rejected = (SdpSectionWriter.Rejected(offered), new NegotiatedSection(mid, kind, false, SdpMediaDirection.Inactive, -1, null, [], null, null, null));
        if (offered.IsRejected)
        {
            return rejected;
        }

        if (kind == SdpMediaKind.Application)
        {
            if (!options.AcceptDataChannels || !offered.Protocol.Contains("SCTP", StringComparison.Ordinal))
            {
                return rejected;
            }

            var application = new MediaDescription("application", local.Candidate.Port, SdpSectionWriter.SctpProtocol, [SdpSectionWriter.DataChannelFormat]);
            SdpSectionWriter.AddTransport(application, mid, local, SdpSetupRole.Passive);
            application.Add(SdpNames.SctpPort, options.SctpPort.ToString(CultureInfo.InvariantCulture))
                .Add(SdpNames.MaxMessageSize, options.MaxMessageSize.ToString(CultureInfo.InvariantCulture));
            SdpSectionWriter.AddCandidate(application, local);
            return (application, new NegotiatedSection(mid, kind, true, SdpMediaDirection.SendRecv, -1, null, [], null, null, null));
        }

        var codecs = kind switch
        {
            SdpMediaKind.Audio => options.AudioCodecs,
            SdpMediaKind.Video => options.VideoCodecs,
            _ => [],
        };
        if (!offered.Protocol.Contains("RTP", StringComparison.Ordinal) || !TryChooseCodec(offered, codecs, out var codec, out int payloadType))
        {
            return rejected;
        }

        // We only receive on the publisher connection: what the client sends we receive; the rest is inactive.
        var direction = offered.Direction.PeerSends() ? SdpMediaDirection.RecvOnly : SdpMediaDirection.Inactive;
        var media = new MediaDescription(offered.Media, local.Candidate.Port, SdpSectionWriter.RtpProtocol, [payloadType.ToString(CultureInfo.InvariantCulture)]);
        SdpSectionWriter.AddTransport(media, mid, local, SdpSetupRole.Passive);
        int? midExtension = null;
        foreach (var extmap in offered.Extmaps())
        {
            if (options.HeaderExtensions.Contains(extmap.Uri))
            {
                media.Add(SdpNames.Extmap, extmap.Format());
                if (extmap.Uri == SdpExtmap.MidUri)
                {
                    midExtension = extmap.Id;
                }
            }
        }

        media.Add(direction.Format()).Add(SdpNames.RtcpMux);
        if (offered.Has(SdpNames.RtcpRsize))
        {
            media.Add(SdpNames.RtcpRsize);
        }

        SdpSectionWriter.AddCodec(media, codec!, payloadType);
        SdpSectionWriter.AddCandidate(media, local);
        var msid = offered.Msid();
        var ssrcs = direction == SdpMediaDirection.RecvOnly ? PrimarySsrcs(offered) : [];
        return (media, new NegotiatedSection(mid, kind, true, direction, payloadType, codec, ssrcs, msid?.StreamId, msid?.TrackId, midExtension));
    }

    private static bool TryChooseCodec(MediaDescription offered, IReadOnlyList<SdpCodec> supported, out SdpCodec? codec, out int payloadType)
    {
        // The offerer's preference order is the order of its formats (RFC 8866 §5.14).
        var maps = offered.RtpMaps().ToDictionary(m => m.PayloadType);
        foreach (string format in offered.Formats)
        {
            if (int.TryParse(format, NumberStyles.None, CultureInfo.InvariantCulture, out int pt) && maps.TryGetValue(pt, out var map))
            {
                foreach (var candidate in supported)
                {
                    if (candidate.Matches(map))
                    {
                        codec = candidate;
                        payloadType = pt;
                        return true;
                    }
                }
            }
        }

        codec = null;
        payloadType = -1;
        return false;
    }

    /// <summary>The media SSRCs: those not listed as the second member of an ssrc-group (FID/FEC-FR repair streams).</summary>
    private static IReadOnlyList<uint> PrimarySsrcs(MediaDescription offered)
    {
        var repair = new HashSet<uint>();
        foreach (string group in offered.GetValues(SdpNames.SsrcGroup))
        {
            string[] parts = group.Split(' ', StringSplitOptions.RemoveEmptyEntries);
            for (int i = 2; i < parts.Length; i++)
            {
                if (uint.TryParse(parts[i], NumberStyles.None, CultureInfo.InvariantCulture, out uint ssrc))
                {
                    repair.Add(ssrc);
                }
            }
        }

        return [.. offered.Ssrcs().Where(s => !repair.Contains(s))];
    }
}
