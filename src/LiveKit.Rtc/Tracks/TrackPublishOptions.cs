namespace LiveKit.Rtc;

/// <summary>How a local track is published.</summary>
public sealed record TrackPublishOptions
{
    /// <summary>What the track is declared as (default microphone: what subscribers and agents look for).</summary>
    public TrackSource Source { get; init; } = TrackSource.Microphone;

    /// <summary>Opus discontinuous transmission: near-silent frames are skipped (default: the core's choice, on).</summary>
    public bool? Dtx { get; init; }

    /// <summary>Redundant audio encoding (RED) for loss resilience (default: the core's choice).</summary>
    public bool? Red { get; init; }

    /// <summary>Maximum audio bitrate in bits per second (default: the core's choice).</summary>
    public int? AudioMaxBitrate { get; init; }

    /// <summary>Groups tracks of one logical stream (e.g. a screen share's audio with its video).</summary>
    public string? Stream { get; init; }
}
