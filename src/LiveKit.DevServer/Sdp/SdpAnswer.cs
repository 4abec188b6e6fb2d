namespace LiveKit.DevServer.Sdp;

/// <summary>An answer produced by <see cref="SdpAnswerBuilder"/>, with what it negotiated.</summary>
internal sealed record SdpAnswer(SessionDescription Description, SdpRemoteTransport Remote, IReadOnlyList<NegotiatedSection> Sections);
