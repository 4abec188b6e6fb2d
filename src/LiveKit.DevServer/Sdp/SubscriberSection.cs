namespace LiveKit.DevServer.Sdp;

/// <summary>One m= section of the subscriber connection; its mid never changes, its track may (recycling).</summary>
internal sealed class SubscriberSection
{
    public SubscriberSection(string mid, SdpMediaKind kind)
    {
        Mid = mid;
        Kind = kind;
    }

    public string Mid { get; }

    public SdpMediaKind Kind { get; }

    /// <summary>The track sent in this section; null while the section is inactive and free for reuse.</summary>
    public ForwardedTrackDescription? Track { get; set; }

    /// <summary>False once the client rejected the section (port 0 in its answer); then it is never reused.</summary>
    public bool Usable { get; set; } = true;
}
