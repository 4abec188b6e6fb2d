using System.Globalization;

namespace LiveKit.DevServer.Sdp;

/// <summary>Writes the attributes every section of our descriptions carries (RFC 8829 §5.2.1, §5.3.1).</summary>
internal static class SdpSectionWriter
{
    public const string RtpProtocol = "UDP/TLS/RTP/SAVPF";
    public const string SctpProtocol = "UDP/DTLS/SCTP";
    public const string DataChannelFormat = "webrtc-datachannel";

    /// <summary>Session-level lines: BUNDLE group over <paramref name="bundleMids"/>, ice-lite, msid-semantic.</summary>
    public static void AddSessionAttributes(SessionDescription description, IEnumerable<string> bundleMids)
    {
        ArgumentNullException.ThrowIfNull(description);
        string mids = string.Join(' ', bundleMids);
        if (mids.Length > 0)
        {
            description.Attributes.Add(new SdpAttribute(SdpNames.Group, "BUNDLE " + mids));
        }

        // RFC 8445 §5.3 / RFC 8839 §5.3: we are a lite implementation; the peer must be controlling.
        description.Attributes.Add(new SdpAttribute(SdpNames.IceLite));
        description.Attributes.Add(new SdpAttribute(SdpNames.MsidSemantic, " WMS *"));
    }

    /// <summary>c=, mid, ICE credentials, fingerprint, setup; then direction for RTP sections.</summary>
    public static void AddTransport(MediaDescription media, string mid, SdpLocalParameters local, SdpSetupRole setup)
    {
        ArgumentNullException.ThrowIfNull(media);
        ArgumentNullException.ThrowIfNull(local);
        media.Connection = local.ConnectionLine();
        media.Add(SdpNames.Mid, mid)
            .Add(SdpNames.IceUfrag, local.IceUfrag)
            .Add(SdpNames.IcePwd, local.IcePassword)
            .Add(SdpNames.Fingerprint, local.Fingerprint)
            .Add(SdpNames.Setup, setup.Format());
    }

    /// <summary>Our only candidate, then end-of-candidates (RFC 8840 §4.1): there is nothing to trickle.</summary>
    public static void AddCandidate(MediaDescription media, SdpLocalParameters local)
    {
        ArgumentNullException.ThrowIfNull(media);
        ArgumentNullException.ThrowIfNull(local);
        media.Add(SdpNames.Candidate, local.CandidateLine()).Add(SdpNames.EndOfCandidates);
    }

    public static void AddCodec(MediaDescription media, SdpCodec codec, int payloadType)
    {
        ArgumentNullException.ThrowIfNull(media);
        ArgumentNullException.ThrowIfNull(codec);
        string pt = payloadType.ToString(CultureInfo.InvariantCulture);
        media.Add(SdpNames.RtpMap, codec.ToRtpMap(payloadType).Format());
        if (codec.Fmtp is not null)
        {
            media.Add(SdpNames.Fmtp, pt + " " + codec.Fmtp);
        }

        foreach (string feedback in codec.Feedback)
        {
            media.Add(SdpNames.RtcpFb, pt + " " + feedback);
        }
    }

    /// <summary>A rejected section (port 0) that keeps its media type, protocol, first format and mid (RFC 8829 §5.3.1).</summary>
    public static MediaDescription Rejected(MediaDescription offered)
    {
        ArgumentNullException.ThrowIfNull(offered);
        var media = new MediaDescription(offered.Media, 0, offered.Protocol, offered.Formats.Take(1));
        if (offered.Mid is { } mid)
        {
            media.Add(SdpNames.Mid, mid);
        }

        return media;
    }
}
