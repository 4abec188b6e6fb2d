using System.Globalization;

namespace LiveKit.DevServer.Sdp;

/// <summary><c>a=ssrc:&lt;ssrc&gt; &lt;attribute&gt;[:&lt;value&gt;]</c> (RFC 5576 §4.1).</summary>
internal sealed record SdpSsrcLine(uint Ssrc, string Attribute, string? Value)
{
    public static bool TryParse(string? value, out SdpSsrcLine? line)
    {
        line = null;
        if (value is null)
        {
            return false;
        }

        int space = value.IndexOf(' ', StringComparison.Ordinal);
        string number = space < 0 ? value : value[..space];
        if (!uint.TryParse(number, NumberStyles.None, CultureInfo.InvariantCulture, out uint ssrc))
        {
            return false;
        }

        string rest = space < 0 ? string.Empty : value[(space + 1)..];
        int colon = rest.IndexOf(':', StringComparison.Ordinal);
        line = colon < 0 ? new SdpSsrcLine(ssrc, rest, null) : new SdpSsrcLine(ssrc, rest[..colon], rest[(colon + 1)..]);
        return true;
    }

    public string Format() => FormattableString.Invariant($"{Ssrc} {Attribute}") + (Value is null ? string.Empty : ":" + Value);
}
