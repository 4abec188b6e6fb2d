using System.Net;

namespace LiveKit.DevServer.Sdp;

/// <summary>What our side puts into every description: ICE-lite credentials, DTLS fingerprint, the host candidate.</summary>
/// <param name="Fingerprint">Value of a=fingerprint, e.g. "sha-256 AB:CD:…".</param>
/// <param name="Candidate">The advertised address and port of the media UDP socket.</param>
/// <param name="SessionId">o= session id, fixed for the life of the peer connection (RFC 8866 §5.2).</param>
internal sealed record SdpLocalParameters(string IceUfrag, string IcePassword, string Fingerprint, IPEndPoint Candidate, ulong SessionId)
{
    /// <summary>
    /// The single host candidate (RFC 8839 §5.1). Priority = 2^24 * 126 (host) + 2^8 * 65535 + (256 - 1).
    /// </summary>
    public string CandidateLine()
    {
        return FormattableString.Invariant($"1 1 udp 2130706431 {Candidate.Address} {Candidate.Port} typ host generation 0");
    }

    public string ConnectionLine()
        => Candidate.Address.AddressFamily == System.Net.Sockets.AddressFamily.InterNetworkV6
            ? $"IN IP6 {Candidate.Address}"
            : $"IN IP4 {Candidate.Address}";
}
