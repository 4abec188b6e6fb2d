using LiveKit.DevServer.Sdp;
using LiveKit.DevServer.Srtp;

namespace LiveKit.DevServer.Transport;

/// <summary>
/// A seam for benchmarks and tests that measure the media path alone: installs SRTP keys as if DTLS had exported
/// them and receiving tracks as if an offer had been answered, without running a DTLS worker per connection.
/// Never used by the server itself.
/// </summary>
internal sealed partial class PeerConnection
{
    internal void ConnectWithoutDtls(SrtpProtectionProfile profile, SrtpMasterKeys local, SrtpMasterKeys remote, IReadOnlyList<NegotiatedSection> receiving)
    {
        ArgumentNullException.ThrowIfNull(receiving);
        lock (_negotiationLock)
        {
            ThrowIfClosed();
            _srtpOut = new SrtpContext(profile, local, Options.MaxSrtpStreamsPerPeer);
            _srtpIn = new SrtpContext(profile, remote, Options.MaxSrtpStreamsPerPeer);
            _answersOffers = receiving.Count > 0;
            UpdateRemoteTracks(receiving);
        }

        SetState(PeerConnectionState.Connecting);
        UpdateConnectedState();
    }
}
