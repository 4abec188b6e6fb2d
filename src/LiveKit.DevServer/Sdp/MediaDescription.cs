using System.Globalization;

namespace LiveKit.DevServer.Sdp;

/// <summary>
/// One m= section (RFC 8866 §5.14) with its c=, b= and a= lines in order, plus typed readers for the attributes
/// WebRTC uses (RFC 8829 §5.2, RFC 8839, RFC 8842, RFC 8843).
/// </summary>
internal sealed class MediaDescription
{
    public MediaDescription(string media, int port, string protocol, IEnumerable<string> formats)
    {
        Media = media;
        Port = port;
        Protocol = protocol;
        Formats = [.. formats];
    }

    /// <summary>"audio", "video", "application", or another media type.</summary>
    public string Media { get; set; }

    public SdpMediaKind Kind => SdpNames.ParseKind(Media);

    /// <summary>0 rejects or stops the section (RFC 8829 §5.3.1).</summary>
    public int Port { get; set; }

    public string Protocol { get; set; }

    /// <summary>Payload types for RTP, "webrtc-datachannel" for SCTP.</summary>
    public List<string> Formats { get; }

    /// <summary>The value of the c= line, e.g. "IN IP4 127.0.0.1".</summary>
    public string? Connection { get; set; }

    /// <summary>b= lines, kept as written.</summary>
    public List<string> Bandwidths { get; } = [];

    public List<SdpAttribute> Attributes { get; } = [];

    public string? Mid => GetValue(SdpNames.Mid);

    public bool IsRejected => Port == 0;

    /// <summary>The direction attribute; sendrecv when absent (RFC 8866 §6.7).</summary>
    public SdpMediaDirection Direction
    {
        get
        {
            foreach (var a in Attributes)
            {
                if (a.Value is null && SdpNames.TryParseDirection(a.Name, out var direction))
                {
                    return direction;
                }
            }

            return SdpMediaDirection.SendRecv;
        }
    }

    public bool Has(string name) => Attributes.Exists(a => a.Name == name);

    public string? GetValue(string name) => Attributes.Find(a => a.Name == name)?.Value;

    public IEnumerable<string> GetValues(string name)
    {
        foreach (var a in Attributes)
        {
            if (a.Name == name && a.Value is not null)
            {
                yield return a.Value;
            }
        }
    }

    public MediaDescription Add(string name, string? value = null)
    {
        Attributes.Add(new SdpAttribute(name, value));
        return this;
    }

    public IEnumerable<SdpRtpMap> RtpMaps()
    {
        foreach (string value in GetValues(SdpNames.RtpMap))
        {
            if (SdpRtpMap.TryParse(value, out var map))
            {
                yield return map!;
            }
        }
    }

    /// <summary>The fmtp parameters of <paramref name="payloadType"/>, or null.</summary>
    public string? Fmtp(int payloadType) => ValueForPayloadType(SdpNames.Fmtp, payloadType).FirstOrDefault();

    /// <summary>The rtcp-fb values of <paramref name="payloadType"/> (and of the "*" wildcard).</summary>
    public IEnumerable<string> RtcpFeedback(int payloadType) => ValueForPayloadType(SdpNames.RtcpFb, payloadType);

    public IEnumerable<SdpExtmap> Extmaps()
    {
        foreach (string value in GetValues(SdpNames.Extmap))
        {
            if (SdpExtmap.TryParse(value, out var extmap))
            {
                yield return extmap!;
            }
        }
    }

    public IEnumerable<SdpSsrcLine> SsrcLines()
    {
        foreach (string value in GetValues(SdpNames.Ssrc))
        {
            if (SdpSsrcLine.TryParse(value, out var line))
            {
                yield return line!;
            }
        }
    }

    /// <summary>Distinct SSRCs announced with a=ssrc, in order.</summary>
    public IReadOnlyList<uint> Ssrcs() => [.. SsrcLines().Select(l => l.Ssrc).Distinct()];

    /// <summary>
    /// The media stream id and track id from a=msid (RFC 8830 §2), falling back to the legacy a=ssrc msid.
    /// </summary>
    public (string StreamId, string? TrackId)? Msid()
    {
        string? value = GetValue(SdpNames.Msid) ?? SsrcLines().FirstOrDefault(l => l.Attribute == SdpNames.Msid)?.Value;
        if (string.IsNullOrWhiteSpace(value))
        {
            return null;
        }

        string[] parts = value.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        return (parts[0], parts.Length > 1 ? parts[1] : null);
    }

    public int? SctpPort => int.TryParse(GetValue(SdpNames.SctpPort), NumberStyles.None, CultureInfo.InvariantCulture, out int port) ? port : null;

    public long? MaxMessageSize => long.TryParse(GetValue(SdpNames.MaxMessageSize), NumberStyles.None, CultureInfo.InvariantCulture, out long size) ? size : null;

    private IEnumerable<string> ValueForPayloadType(string name, int payloadType)
    {
        string prefix = payloadType.ToString(CultureInfo.InvariantCulture) + " ";
        foreach (string value in GetValues(name))
        {
            if (value.StartsWith(prefix, StringComparison.Ordinal))
            {
                yield return value[prefix.Length..];
            }
            else if (value.StartsWith("* ", StringComparison.Ordinal))
            {
                yield return value[2..];
            }
        }
    }
}
