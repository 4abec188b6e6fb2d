using System.Globalization;
using System.Text;

namespace LiveKit.DevServer.Sdp;

/// <summary>
/// A session description (RFC 8866): the session-level lines and the m= sections in order. Parsed leniently (unknown
/// line types and attributes are kept), written back with CRLF line endings in the RFC 8866 §5 order.
/// </summary>
internal sealed class SessionDescription
{
    /// <summary>Longest description accepted; Chromium's offers with every codec are around 10 kB.</summary>
    public const int MaxLength = 256 * 1024;

    /// <summary>The o= line value: username, session id, version, network type, address type, address.</summary>
    public string Origin { get; set; } = "- 0 0 IN IP4 127.0.0.1";

    public string SessionName { get; set; } = "-";

    public string Timing { get; set; } = "0 0";

    /// <summary>Session-level c= value, if any.</summary>
    public string? Connection { get; set; }

    /// <summary>Other session-level lines (b=, i=, …), kept as "x=value".</summary>
    public List<string> OtherLines { get; } = [];

    public List<SdpAttribute> Attributes { get; } = [];

    public List<MediaDescription> Media { get; } = [];

    public bool Has(string name) => Attributes.Exists(a => a.Name == name);

    public string? GetValue(string name) => Attributes.Find(a => a.Name == name)?.Value;

    /// <summary>The mids of the first <c>a=group:BUNDLE</c> (RFC 8843 §7), empty when absent.</summary>
    public IReadOnlyList<string> BundleMids()
    {
        foreach (var a in Attributes)
        {
            if (a.Name == SdpNames.Group && a.Value is not null && a.Value.StartsWith("BUNDLE", StringComparison.Ordinal))
            {
                return a.Value.Split(' ', StringSplitOptions.RemoveEmptyEntries).Skip(1).ToArray();
            }
        }

        return [];
    }

    public MediaDescription? FindByMid(string mid) => Media.Find(m => m.Mid == mid);

    /// <summary>A media-level attribute, falling back to the session level (ice-ufrag, ice-pwd, fingerprint, setup).</summary>
    public string? GetTransportValue(MediaDescription media, string name)
    {
        ArgumentNullException.ThrowIfNull(media);
        return media.GetValue(name) ?? GetValue(name);
    }

    /// <summary>Parses <paramref name="text"/>; on failure <paramref name="error"/> says which line and why.</summary>
    public static bool TryParse(string? text, out SessionDescription? description, out string? error)
    {
        description = null;
        error = null;
        if (string.IsNullOrEmpty(text))
        {
            error = "The session description is empty.";
            return false;
        }

        if (text.Length > MaxLength)
        {
            error = $"The session description is longer than {MaxLength} characters.";
            return false;
        }

        var result = new SessionDescription();
        MediaDescription? current = null;
        bool sawVersion = false;
        int lineNumber = 0;
        foreach (var rawLine in text.Split('\n'))
        {
            lineNumber++;
            string line = rawLine.TrimEnd('\r');
            if (line.Length == 0)
            {
                continue;
            }

            if (line.Length < 2 || line[1] != '=')
            {
                error = $"Line {lineNumber} is not of the form x=value.";
                return false;
            }

            char type = line[0];
            string value = line[2..];
            if (!sawVersion)
            {
                if (type != 'v' || value != "0")
                {
                    error = "The description does not start with v=0 (RFC 8866 §5.1).";
                    return false;
                }

                sawVersion = true;
                continue;
            }

            switch (type)
            {
                case 'm':
                    if (!TryParseMediaLine(value, out current))
                    {
                        error = $"Line {lineNumber}: malformed m= line '{Truncate(value)}'.";
                        return false;
                    }

                    result.Media.Add(current!);
                    break;
                case 'a':
                    int colon = value.IndexOf(':', StringComparison.Ordinal);
                    var attribute = colon < 0 ? new SdpAttribute(value) : new SdpAttribute(value[..colon], value[(colon + 1)..]);
                    (current?.Attributes ?? result.Attributes).Add(attribute);
                    break;
                case 'c':
                    if (current is null)
                    {
                        result.Connection = value;
                    }
                    else
                    {
                        current.Connection = value;
                    }

                    break;
                case 'b' when current is not null:
                    current.Bandwidths.Add(value);
                    break;
                case 'o' when current is null:
                    result.Origin = value;
                    break;
                case 's' when current is null:
                    result.SessionName = value;
                    break;
                case 't' when current is null:
                    result.Timing = value;
                    break;
                default:
                    if (current is null)
                    {
                        result.OtherLines.Add(line);
                    }

                    break;
            }
        }

        if (!sawVersion)
        {
            error = "The description has no v= line.";
            return false;
        }

        description = result;
        return true;
    }

    public override string ToString()
    {
        var sb = new StringBuilder(2048);
        Line(sb, 'v', "0");
        Line(sb, 'o', Origin);
        Line(sb, 's', SessionName);
        if (Connection is not null)
        {
            Line(sb, 'c', Connection);
        }

        foreach (string other in OtherLines)
        {
            sb.Append(other).Append("\r\n");
        }

        Line(sb, 't', Timing);
        foreach (var a in Attributes)
        {
            Line(sb, 'a', a.ToString());
        }

        foreach (var m in Media)
        {
            Line(sb, 'm', string.Create(CultureInfo.InvariantCulture, $"{m.Media} {m.Port} {m.Protocol} {string.Join(' ', m.Formats)}"));
            if (m.Connection is not null)
            {
                Line(sb, 'c', m.Connection);
            }

            foreach (string b in m.Bandwidths)
            {
                Line(sb, 'b', b);
            }

            foreach (var a in m.Attributes)
            {
                Line(sb, 'a', a.ToString());
            }
        }

        return sb.ToString();
    }

    private static void Line(StringBuilder sb, char type, string value) => sb.Append(type).Append('=').Append(value).Append("\r\n");

    private static bool TryParseMediaLine(string value, out MediaDescription? media)
    {
        media = null;
        string[] parts = value.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        if (parts.Length < 3)
        {
            return false;
        }

        // RFC 8866 §5.14: <media> <port>[/<number of ports>] <proto> <fmt> ...
        string port = parts[1];
        int slash = port.IndexOf('/', StringComparison.Ordinal);
        if (slash >= 0)
        {
            port = port[..slash];
        }

        if (!int.TryParse(port, NumberStyles.None, CultureInfo.InvariantCulture, out int number) || number > 65535)
        {
            return false;
        }

        media = new MediaDescription(parts[0], number, parts[2], parts.Skip(3));
        return true;
    }

    private static string Truncate(string value) => value.Length <= 60 ? value : value[..60] + "…";
}
