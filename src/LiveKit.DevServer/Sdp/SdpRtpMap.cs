using System.Globalization;

namespace LiveKit.DevServer.Sdp;

/// <summary><c>a=rtpmap:&lt;pt&gt; &lt;encoding&gt;/&lt;clock&gt;[/&lt;channels&gt;]</c> (RFC 8866 §6.6).</summary>
internal sealed record SdpRtpMap(int PayloadType, string EncodingName, int ClockRate, int Channels = 1)
{
    public static bool TryParse(string? value, out SdpRtpMap? map)
    {
        map = null;
        if (value is null)
        {
            return false;
        }

        int space = value.IndexOf(' ', StringComparison.Ordinal);
        if (space <= 0 || !int.TryParse(value.AsSpan(0, space), NumberStyles.None, CultureInfo.InvariantCulture, out int pt) || pt > 127)
        {
            return false;
        }

        string[] parts = value[(space + 1)..].Split('/');
        if (parts.Length < 2 || parts[0].Length == 0
            || !int.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out int clock) || clock == 0)
        {
            return false;
        }

        int channels = 1;
        if (parts.Length > 2 && !int.TryParse(parts[2], NumberStyles.None, CultureInfo.InvariantCulture, out channels))
        {
            return false;
        }

        map = new SdpRtpMap(pt, parts[0], clock, channels);
        return true;
    }

    public string Format() => FormattableString.Invariant($"{PayloadType} {EncodingName}/{ClockRate}") + (Channels > 1 ? FormattableString.Invariant($"/{Channels}") : string.Empty);
}
