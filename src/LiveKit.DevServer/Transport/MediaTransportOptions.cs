using System.ComponentModel.DataAnnotations;
using System.Net;
using LiveKit.DevServer.Ice;

namespace LiveKit.DevServer.Transport;

/// <summary>Settings of the media UDP port. <see cref="Validate"/> names the first bad setting.</summary>
internal sealed class MediaTransportOptions
{
    /// <summary>Address the UDP socket binds; loopback by default, so nothing off the machine can reach it.</summary>
    public string BindAddress { get; set; } = "127.0.0.1";

    /// <summary>UDP port; 7882 by default, 0 for an ephemeral port (tests).</summary>
    [Range(0, 65535)]
    public int Port { get; set; } = 7882;

    /// <summary>Address put in SDP candidates; the bind address when empty (it must then not be a wildcard).</summary>
    public string? AdvertisedAddress { get; set; }

    /// <summary>Peer connections served at once; more are refused.</summary>
    [Range(1, 100_000)]
    public int MaxPeerConnections { get; set; } = 2000;

    /// <summary>Remote addresses remembered per peer connection (ICE may validate several).</summary>
    [Range(1, 64)]
    public int MaxRoutesPerPeer { get; set; } = 8;

    /// <summary>SSRCs per direction per peer connection whose SRTP state is kept.</summary>
    [Range(1, 1024)]
    public int MaxSrtpStreamsPerPeer { get; set; } = 64;

    /// <summary>Socket receive buffer, bytes: room for bursts while the receive thread is busy.</summary>
    [Range(65536, 64 * 1024 * 1024)]
    public int SocketReceiveBufferBytes { get; set; } = 4 * 1024 * 1024;

    /// <summary>Interval of RTCP sender/receiver reports (RFC 3550 §6.2; WebRTC sends about one per second).</summary>
    [Range(typeof(TimeSpan), "00:00:00.100", "00:00:30")]
    public TimeSpan RtcpReportInterval { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>Least time between two key-frame requests relayed for one source.</summary>
    [Range(typeof(TimeSpan), "00:00:00", "00:00:10")]
    public TimeSpan KeyFrameRequestInterval { get; set; } = TimeSpan.FromMilliseconds(500);

    /// <summary>
    /// Accept datagrams from non-loopback addresses when bound to loopback. Off: a loopback-bound server only ever
    /// talks to loopback peers (and so never sends anywhere else).
    /// </summary>
    public bool AllowNonLoopbackPeersOnLoopback { get; set; }

    public IceLiteAgentOptions Ice { get; set; } = new();

    public IPAddress GetBindAddress() => IPAddress.Parse(BindAddress);

    /// <summary>Throws <see cref="ArgumentException"/> naming the first invalid setting.</summary>
    public void Validate()
    {
        if (!IPAddress.TryParse(BindAddress, out var bind))
        {
            throw new ArgumentException($"MediaTransport:{nameof(BindAddress)} '{BindAddress}' is not an IP address.");
        }

        if (string.IsNullOrEmpty(AdvertisedAddress))
        {
            if (bind.Equals(IPAddress.Any) || bind.Equals(IPAddress.IPv6Any))
            {
                throw new ArgumentException($"MediaTransport:{nameof(AdvertisedAddress)} must be set when {nameof(BindAddress)} is a wildcard.");
            }
        }
        else if (!IPAddress.TryParse(AdvertisedAddress, out _))
        {
            throw new ArgumentException($"MediaTransport:{nameof(AdvertisedAddress)} '{AdvertisedAddress}' is not an IP address.");
        }

        var results = new List<ValidationResult>();
        if (!Validator.TryValidateObject(this, new ValidationContext(this), results, validateAllProperties: true))
        {
            throw new ArgumentException($"MediaTransport: {results[0].ErrorMessage}");
        }

        results.Clear();
        if (!Validator.TryValidateObject(Ice, new ValidationContext(Ice), results, validateAllProperties: true))
        {
            throw new ArgumentException($"MediaTransport:Ice: {results[0].ErrorMessage}");
        }

        if (Ice.DisconnectedTimeout >= Ice.ConsentTimeout)
        {
            throw new ArgumentException($"MediaTransport:Ice:{nameof(IceLiteAgentOptions.DisconnectedTimeout)} must be shorter than {nameof(IceLiteAgentOptions.ConsentTimeout)}.");
        }
    }
}
