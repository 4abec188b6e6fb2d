using System.Globalization;

namespace LiveKit.DevServer.Sdp;

/// <summary>
/// Builds the server's offers on the subscriber peer connection (JSEP, RFC 8829 §5.2) and keeps its m= sections
/// across renegotiations: mids are stable; a removed track leaves its section inactive, and the next track of the same
/// kind reuses it; the data channel section, if any, is first. Each section we send on is sendonly with
/// <c>a=msid:&lt;PA_sid&gt;|&lt;TR_sid&gt; &lt;TR_sid&gt;</c> and SSRC lines.
/// </summary>
/// <remarks>Not thread-safe: the owning peer connection serialises negotiation.</remarks>
internal sealed class SubscriberOfferBuilder
{
    private readonly List<SubscriberSection> _sections = [];
    private readonly SdpAnswerOptions _options;
    private ulong _version;

    public SubscriberOfferBuilder(bool includeDataChannel, SdpAnswerOptions? options = null)
    {
        _options = options ?? new SdpAnswerOptions();
        if (includeDataChannel)
        {
            _sections.Add(new SubscriberSection("0", SdpMediaKind.Application));
        }
    }

    public IReadOnlyList<SubscriberSection> Sections => _sections;

    /// <summary>Places a track in a free section of its kind, or a new one; returns the section.</summary>
    public SubscriberSection AddTrack(ForwardedTrackDescription track)
    {
        ArgumentNullException.ThrowIfNull(track);
        if (track.Kind is not (SdpMediaKind.Audio or SdpMediaKind.Video))
        {
            throw new ArgumentException($"Only audio and video tracks can be forwarded, not {track.Kind}.", nameof(track));
        }

        if (_sections.Exists(s => s.Track?.TrackSid == track.TrackSid))
        {
            throw new InvalidOperationException($"Track {track.TrackSid} is already on this connection.");
        }

        var section = _sections.Find(s => s.Kind == track.Kind && s.Track is null && s.Usable);
        if (section is null)
        {
            section = new SubscriberSection(_sections.Count.ToString(CultureInfo.InvariantCulture), track.Kind);
            _sections.Add(section);
        }

        section.Track = track;
        return section;
    }

    /// <summary>Frees the section of <paramref name="trackSid"/>; it is offered inactive from now on.</summary>
    public SubscriberSection? RemoveTrack(string trackSid)
    {
        var section = _sections.Find(s => s.Track?.TrackSid == trackSid);
        if (section is not null)
        {
            section.Track = null;
        }

        return section;
    }

    public SessionDescription CreateOffer(SdpLocalParameters local)
    {
        ArgumentNullException.ThrowIfNull(local);
        _version++;
        var description = new SessionDescription
        {
            Origin = string.Create(CultureInfo.InvariantCulture, $"- {local.SessionId} {_version} IN IP4 127.0.0.1"),
        };
        SdpSectionWriter.AddSessionAttributes(description, _sections.Where(s => s.Usable).Select(s => s.Mid));
        foreach (var section in _sections)
        {
            description.Media.Add(section.Usable ? Describe(section, local) : RejectedSection(section));
        }

        return description;
    }

    /// <summary>
    /// Checks the client's answer against our last offer: same mids in the same order (RFC 8829 §5.3.1), a DTLS role
    /// that leaves us the server. Sections the client rejected become unusable.
    /// </summary>
    public bool TryApplyAnswer(SessionDescription answer, out SdpRemoteTransport? remote, out string? error)
    {
        ArgumentNullException.ThrowIfNull(answer);
        remote = null;
        if (answer.Media.Count != _sections.Count)
        {
            error = $"The answer has {answer.Media.Count} m= sections; the offer had {_sections.Count}.";
            return false;
        }

        for (int i = 0; i < _sections.Count; i++)
        {
            string? mid = answer.Media[i].Mid;
            if (mid is not null && mid != _sections[i].Mid)
            {
                error = $"Answer section {i} has mid '{mid}', the offer had '{_sections[i].Mid}'.";
                return false;
            }
        }

        if (!SdpRemoteTransport.TryRead(answer, out remote, out error))
        {
            return false;
        }

        if (remote!.Setup is not SdpSetupRole.Active)
        {
            error = $"The answer has a=setup:{remote.Setup.Format()}; it must be active, as we offered actpass and act as DTLS server.";
            remote = null;
            return false;
        }

        for (int i = 0; i < _sections.Count; i++)
        {
            if (answer.Media[i].IsRejected)
            {
                _sections[i].Usable = false;
                _sections[i].Track = null;
            }
        }

        return true;
    }

    private MediaDescription Describe(SubscriberSection section, SdpLocalParameters local)
    {
        if (section.Kind == SdpMediaKind.Application)
        {
            var application = new MediaDescription("application", local.Candidate.Port, SdpSectionWriter.SctpProtocol, [SdpSectionWriter.DataChannelFormat]);
            SdpSectionWriter.AddTransport(application, section.Mid, local, SdpSetupRole.ActPass);
            application.Add(SdpNames.SctpPort, _options.SctpPort.ToString(CultureInfo.InvariantCulture))
                .Add(SdpNames.MaxMessageSize, _options.MaxMessageSize.ToString(CultureInfo.InvariantCulture));
            SdpSectionWriter.AddCandidate(application, local);
            return application;
        }

        var codec = section.Kind == SdpMediaKind.Audio ? SdpCodec.Opus : SdpCodec.Vp8;
        var media = new MediaDescription(section.Kind.Format(), local.Candidate.Port, SdpSectionWriter.RtpProtocol, [codec.PreferredPayloadType.ToString(CultureInfo.InvariantCulture)]);
        SdpSectionWriter.AddTransport(media, section.Mid, local, SdpSetupRole.ActPass);
        var track = section.Track;
        media.Add((track is null ? SdpMediaDirection.Inactive : SdpMediaDirection.SendOnly).Format());
        if (track is not null)
        {
            media.Add(SdpNames.Msid, track.StreamId + " " + track.TrackSid);
        }

        media.Add(SdpNames.RtcpMux).Add(SdpNames.RtcpRsize);
        SdpSectionWriter.AddCodec(media, codec, codec.PreferredPayloadType);
        if (track is not null)
        {
            string ssrc = track.Ssrc.ToString(CultureInfo.InvariantCulture);
            media.Add(SdpNames.Ssrc, ssrc + " cname:" + track.Cname)
                .Add(SdpNames.Ssrc, ssrc + " msid:" + track.StreamId + " " + track.TrackSid);
        }

        SdpSectionWriter.AddCandidate(media, local);
        return media;
    }

    private static MediaDescription RejectedSection(SubscriberSection section)
    {
        string format = section.Kind switch
        {
            SdpMediaKind.Audio => SdpCodec.Opus.PreferredPayloadType.ToString(CultureInfo.InvariantCulture),
            SdpMediaKind.Video => SdpCodec.Vp8.PreferredPayloadType.ToString(CultureInfo.InvariantCulture),
            _ => SdpSectionWriter.DataChannelFormat,
        };
        string protocol = section.Kind == SdpMediaKind.Application ? SdpSectionWriter.SctpProtocol : SdpSectionWriter.RtpProtocol;
        var media = new MediaDescription(section.Kind.Format(), 0, protocol, [format]);
        media.Add(SdpNames.Mid, section.Mid);
        return media;
    }
}
