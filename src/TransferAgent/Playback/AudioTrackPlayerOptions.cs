namespace WarmTransfer.TransferAgent.Playback;

/// <summary>How an <see cref="AudioTrackPlayer"/> shapes and paces audio.</summary>
public sealed record AudioTrackPlayerOptions
{
    /// <summary>Raised-cosine fade at every start and end of a playback, and at each loop seam (default 10 ms; at most one frame is used when stopping).</summary>
    public TimeSpan Fade { get; init; } = TimeSpan.FromMilliseconds(10);

    /// <summary>
    /// Frames sent ahead of real time to absorb scheduling jitter (default 3, i.e. 30 ms). More means fewer gaps on a
    /// loaded machine and a later stop: a stop is heard at most this many frames plus one after the command.
    /// </summary>
    public int LeadFrames { get; init; } = 3;

    internal void Validate()
    {
        if (Fade < TimeSpan.Zero || Fade > TimeSpan.FromSeconds(1))
        {
            throw new ArgumentOutOfRangeException(nameof(Fade), Fade, "AudioTrackPlayerOptions.Fade must be between 0 and 1 s.");
        }

        if (LeadFrames is < 0 or > 50)
        {
            throw new ArgumentOutOfRangeException(nameof(LeadFrames), LeadFrames, "AudioTrackPlayerOptions.LeadFrames must be between 0 and 50.");
        }
    }
}
