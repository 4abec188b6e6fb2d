namespace LiveKit.DevServer.Sdp;

/// <summary>Text forms of the SDP enums and the attribute names used here (RFC 8866, RFC 8839, RFC 8842, RFC 8843).</summary>
internal static class SdpNames
{
    public const string Mid = "mid";
    public const string Group = "group";
    public const string IceUfrag = "ice-ufrag";
    public const string IcePwd = "ice-pwd";
    public const string IceLite = "ice-lite";
    public const string IceOptions = "ice-options";
    public const string Fingerprint = "fingerprint";
    public const string Setup = "setup";
    public const string Candidate = "candidate";
    public const string EndOfCandidates = "end-of-candidates";
    public const string RtcpMux = "rtcp-mux";
    public const string RtcpRsize = "rtcp-rsize";
    public const string RtpMap = "rtpmap";
    public const string Fmtp = "fmtp";
    public const string RtcpFb = "rtcp-fb";
    public const string Extmap = "extmap";
    public const string Msid = "msid";
    public const string MsidSemantic = "msid-semantic";
    public const string Ssrc = "ssrc";
    public const string SsrcGroup = "ssrc-group";
    public const string SctpPort = "sctp-port";
    public const string MaxMessageSize = "max-message-size";
    public const string Rtcp = "rtcp";
    public const string ExtmapAllowMixed = "extmap-allow-mixed";

    public static string Format(this SdpMediaDirection direction) => direction switch
    {
        SdpMediaDirection.SendRecv => "sendrecv",
        SdpMediaDirection.SendOnly => "sendonly",
        SdpMediaDirection.RecvOnly => "recvonly",
        _ => "inactive",
    };

    public static bool TryParseDirection(string name, out SdpMediaDirection direction)
    {
        (bool ok, direction) = name switch
        {
            "sendrecv" => (true, SdpMediaDirection.SendRecv),
            "sendonly" => (true, SdpMediaDirection.SendOnly),
            "recvonly" => (true, SdpMediaDirection.RecvOnly),
            "inactive" => (true, SdpMediaDirection.Inactive),
            _ => (false, SdpMediaDirection.Inactive),
        };
        return ok;
    }

    /// <summary>The direction the other side sees: send and receive swap (RFC 8866 §6.7).</summary>
    public static SdpMediaDirection Reverse(this SdpMediaDirection direction) => direction switch
    {
        SdpMediaDirection.SendOnly => SdpMediaDirection.RecvOnly,
        SdpMediaDirection.RecvOnly => SdpMediaDirection.SendOnly,
        _ => direction,
    };

    public static bool PeerSends(this SdpMediaDirection direction) => direction is SdpMediaDirection.SendRecv or SdpMediaDirection.SendOnly;

    public static string Format(this SdpSetupRole role) => role switch
    {
        SdpSetupRole.ActPass => "actpass",
        SdpSetupRole.Active => "active",
        SdpSetupRole.Passive => "passive",
        _ => "holdconn",
    };

    public static bool TryParseSetup(string? value, out SdpSetupRole role)
    {
        (bool ok, role) = value switch
        {
            "actpass" => (true, SdpSetupRole.ActPass),
            "active" => (true, SdpSetupRole.Active),
            "passive" => (true, SdpSetupRole.Passive),
            "holdconn" => (true, SdpSetupRole.HoldConn),
            _ => (false, SdpSetupRole.ActPass),
        };
        return ok;
    }

    public static SdpMediaKind ParseKind(string media) => media switch
    {
        "audio" => SdpMediaKind.Audio,
        "video" => SdpMediaKind.Video,
        "application" => SdpMediaKind.Application,
        _ => SdpMediaKind.Other,
    };

    public static string Format(this SdpMediaKind kind) => kind switch
    {
        SdpMediaKind.Audio => "audio",
        SdpMediaKind.Video => "video",
        SdpMediaKind.Application => "application",
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "No m= media type for this kind."),
    };
}
