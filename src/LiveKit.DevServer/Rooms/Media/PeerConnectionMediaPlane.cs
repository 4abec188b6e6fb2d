using LiveKit.DevServer.Transport;
using LiveKit.Proto;
using Microsoft.Extensions.Logging;

namespace LiveKit.DevServer.Rooms.Media;

/// <summary>
/// The media plane over the dev server's own WebRTC stack: one UDP port (ICE-lite, DTLS-SRTP, SCTP data
/// channels; see Transport/) and two <see cref="PeerConnection"/>s per participant.
/// </summary>
internal sealed class PeerConnectionMediaPlane(MediaUdpTransport transport, ILoggerFactory loggers) : IMediaPlane
{
    private static readonly Codec[] Codecs = [new() { Mime = "audio/opus" }, new() { Mime = "video/VP8" }];

    public bool CarriesMedia => true;

    public IReadOnlyList<Codec> EnabledPublishCodecs => Codecs;

    public MediaUdpTransport Transport { get; } = transport;

    public IParticipantMedia CreateSession(ParticipantMediaContext context, IParticipantMediaEvents events) =>
        new PeerConnectionParticipantMedia(Transport, context, events, loggers.CreateLogger<PeerConnectionParticipantMedia>());
}
