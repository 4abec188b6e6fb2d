namespace LiveKit.Rtc;

/// <summary>How an <see cref="AudioStream"/> delivers PCM.</summary>
public sealed record AudioStreamOptions
{
    /// <summary>Output rate in Hz; the core resamples to it (default 48000).</summary>
    public int SampleRate { get; init; } = 48_000;

    /// <summary>Output channels; the core remixes to it (default 1).</summary>
    public int NumChannels { get; init; } = 1;

    /// <summary>Re-chunk frames to this duration (whole milliseconds); null keeps the core's 10 ms frames.</summary>
    public TimeSpan? FrameSize { get; init; }

    /// <summary>Frames the core queues before dropping (null: its default of 10).</summary>
    public int? NativeQueueFrames { get; init; }

    /// <summary>
    /// Frames held for the reader in this process (default 50, i.e. 0.5 s of 10 ms frames). When the reader
    /// falls behind, the oldest frames are dropped and counted in <see cref="AudioStream.DroppedFrames"/>.
    /// </summary>
    public int Capacity { get; init; } = 50;

    internal void Validate()
    {
        if (SampleRate is < 8000 or > 192_000)
        {
            throw new ArgumentOutOfRangeException(nameof(SampleRate), SampleRate, "AudioStreamOptions.SampleRate must be between 8000 and 192000 Hz.");
        }
        if (NumChannels is < 1 or > 8)
        {
            throw new ArgumentOutOfRangeException(nameof(NumChannels), NumChannels, "AudioStreamOptions.NumChannels must be between 1 and 8.");
        }
        if (FrameSize is { } f && (f < TimeSpan.FromMilliseconds(1) || f > TimeSpan.FromSeconds(10) || f.Ticks % TimeSpan.TicksPerMillisecond != 0))
        {
            throw new ArgumentOutOfRangeException(nameof(FrameSize), f, "AudioStreamOptions.FrameSize must be whole milliseconds between 1 ms and 10 s.");
        }
        if (NativeQueueFrames is < 1 or > 10_000)
        {
            throw new ArgumentOutOfRangeException(nameof(NativeQueueFrames), NativeQueueFrames, "AudioStreamOptions.NativeQueueFrames must be between 1 and 10000.");
        }
        if (Capacity is < 1 or > 100_000)
        {
            throw new ArgumentOutOfRangeException(nameof(Capacity), Capacity, "AudioStreamOptions.Capacity must be between 1 and 100000.");
        }
    }
}
