using System.ComponentModel.DataAnnotations;
using System.Diagnostics.CodeAnalysis;
using Microsoft.Extensions.Options;

namespace LiveKit.DevServer;

/// <summary>
/// Settings of the development server (configuration section <c>DevServer</c>). Validated at start-up;
/// every message names the setting.
/// </summary>
public sealed class DevServerOptions
{
    /// <summary>Configuration section the console host binds.</summary>
    public const string SectionName = "DevServer";

    /// <summary>livekit-server's default HTTP/WebSocket port.</summary>
    public const int DefaultPort = 7880;

    /// <summary>livekit-server's default single UDP port for media.</summary>
    public const int DefaultRtcUdpPort = 7882;

    /// <summary>API key of <c>livekit-server --dev</c>, used when <see cref="Keys"/> is empty.</summary>
    public const string DevApiKey = "devkey";

    /// <summary>API secret of <c>livekit-server --dev</c>, used when <see cref="Keys"/> is empty.</summary>
    public const string DevApiSecret = "secret";

    /// <summary>TCP port for signalling, Twirp and <c>/agent</c>; 0 picks a free port (read it back from <see cref="DevServer.Port"/>).</summary>
    [Range(0, 65535)]
    public int Port { get; set; } = DefaultPort;

    /// <summary>Address to listen on; loopback by default.</summary>
    [Required]
    public string BindAddress { get; set; } = "127.0.0.1";

    /// <summary>API keys and their secrets. Empty means the development pair devkey/secret.</summary>
    [SuppressMessage("Usage", "CA2227:Collection properties should be read only", Justification = "Bound from configuration.")]
    public Dictionary<string, string> Keys { get; set; } = new(StringComparer.Ordinal);

    /// <summary>Where to POST webhooks (room_started, participant_joined, ...); none when null.</summary>
    public Uri? WebhookUrl { get; set; }

    /// <summary>API key whose secret signs webhooks; the first key when null.</summary>
    public string? WebhookApiKey { get; set; }

    /// <summary>UDP port of the media plane (ICE-lite, one port for everyone); 0 picks a free port.</summary>
    [Range(0, 65535)]
    public int RtcUdpPort { get; set; } = DefaultRtcUdpPort;

    /// <summary>Whether media is carried (WebRTC) or only signalling.</summary>
    public DevServerMediaMode Media { get; set; } = DevServerMediaMode.WebRtc;

    /// <summary>
    /// Accept media from the host's own non-loopback addresses while bound to loopback. LiveKit's Rust core
    /// gathers candidates on the machine's interfaces only, never on loopback, so its checks to 127.0.0.1
    /// arrive from e.g. 192.0.2.2. A loopback-bound socket can only be reached from this machine, so replies
    /// never leave it. On by default so the Rust core (the TransferAgent) can connect.
    /// </summary>
    public bool AllowHostAddressPeers { get; set; } = true;

    /// <summary>Address put in ICE candidates; clients send media there.</summary>
    [Required]
    public string AdvertisedAddress { get; set; } = "127.0.0.1";

    /// <summary>Region reported in server info.</summary>
    [Required]
    public string Region { get; set; } = "local";

    /// <summary>Seconds a room that never had a participant stays open (LiveKit: 300); rooms created by API use their own empty_timeout when set.</summary>
    [Range(1, 7 * 24 * 3600)]
    public int EmptyTimeoutSeconds { get; set; } = 300;

    /// <summary>Seconds a room stays open after its last participant left (LiveKit: 20).</summary>
    [Range(1, 7 * 24 * 3600)]
    public int DepartureTimeoutSeconds { get; set; } = 20;

    /// <summary>Whether joining a room that does not exist creates it (as livekit-server does).</summary>
    public bool AutoCreateRooms { get; set; } = true;

    /// <summary>Size and queue limits.</summary>
    [ValidateObjectMembers]
    public DevServerLimits Limits { get; set; } = new();

    /// <summary>The keys in effect: <see cref="Keys"/>, or devkey/secret when it is empty.</summary>
    internal IReadOnlyDictionary<string, string> EffectiveKeys =>
        Keys.Count > 0 ? Keys : new Dictionary<string, string>(StringComparer.Ordinal) { [DevApiKey] = DevApiSecret };

    /// <summary>The key that signs webhooks and minted tokens.</summary>
    internal KeyValuePair<string, string> SigningKey
    {
        get
        {
            var keys = EffectiveKeys;
            return WebhookApiKey is { } name && keys.TryGetValue(name, out var secret)
                ? new(name, secret)
                : keys.OrderBy(k => k.Key, StringComparer.Ordinal).First();
        }
    }
}
