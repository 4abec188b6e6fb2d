namespace LiveKit.DevServer.Sdp;

/// <summary>The media types of m= lines this server understands; anything else is rejected in an answer.</summary>
internal enum SdpMediaKind
{
    Audio,
    Video,
    Application,
    Other,
}
