namespace WarmTransfer.TransferAgent.Playback;

/// <summary>How a playback of <see cref="AudioTrackPlayer"/> ended.</summary>
public enum PlaybackOutcome
{
    /// <summary>Everything was played (faded out at the end).</summary>
    Completed,

    /// <summary><see cref="AudioTrackPlayer.StopAsync"/> cut it short (faded out within one frame).</summary>
    Stopped,
}
