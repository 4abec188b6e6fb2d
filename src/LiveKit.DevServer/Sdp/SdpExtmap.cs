using System.Globalization;

namespace LiveKit.DevServer.Sdp;

/// <summary><c>a=extmap:&lt;id&gt;[/&lt;direction&gt;] &lt;uri&gt; [attributes]</c> (RFC 8285 §8).</summary>
internal sealed record SdpExtmap(int Id, string Uri)
{
    /// <summary>The media identification header extension, used to demultiplex BUNDLE (RFC 8843 §15.2).</summary>
    public const string MidUri = "urn:ietf:params:rtp-hdrext:sdes:mid";

    /// <summary>Client-to-mixer audio level (RFC 6464).</summary>
    public const string AudioLevelUri = "urn:ietf:params:rtp-hdrext:ssrc-audio-level";

    public static bool TryParse(string? value, out SdpExtmap? extmap)
    {
        extmap = null;
        if (value is null)
        {
            return false;
        }

        string[] parts = value.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        if (parts.Length < 2)
        {
            return false;
        }

        string id = parts[0];
        int slash = id.IndexOf('/', StringComparison.Ordinal);
        if (slash >= 0)
        {
            id = id[..slash];
        }

        if (!int.TryParse(id, NumberStyles.None, CultureInfo.InvariantCulture, out int number) || number is < 1 or > 255)
        {
            return false;
        }

        extmap = new SdpExtmap(number, parts[1]);
        return true;
    }

    public string Format() => FormattableString.Invariant($"{Id} {Uri}");
}
