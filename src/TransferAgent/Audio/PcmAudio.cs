namespace WarmTransfer.TransferAgent.Audio;

/// <summary>
/// A clip of 16-bit mono PCM at a known sample rate: the unit the engines exchange (VAD segments,
/// synthesised speech, hold announcements). Immutable by contract: callers must not write through
/// <see cref="Samples"/> after handing a clip over.
/// </summary>
public sealed class PcmAudio
{
    public PcmAudio(ReadOnlyMemory<short> samples, int sampleRate)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(sampleRate, 1000);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(sampleRate, 384_000);
        Samples = samples;
        SampleRate = sampleRate;
    }

    public ReadOnlyMemory<short> Samples { get; }

    public int SampleRate { get; }

    public int Length => Samples.Length;

    public TimeSpan Duration => SamplesToTime(Samples.Length, SampleRate);

    public static PcmAudio Silence(TimeSpan duration, int sampleRate) => new(new short[TimeToSamples(duration, sampleRate)], sampleRate);

    /// <summary>Concatenates clips of the same rate into one.</summary>
    public static PcmAudio Concat(int sampleRate, params ReadOnlySpan<PcmAudio> clips)
    {
        int total = 0;
        foreach (var clip in clips)
        {
            ArgumentNullException.ThrowIfNull(clip);
            if (clip.SampleRate != sampleRate)
            {
                throw new ArgumentException($"All clips must be at {sampleRate} Hz; one is at {clip.SampleRate} Hz.", nameof(clips));
            }

            total += clip.Length;
        }

        var result = new short[total];
        int offset = 0;
        foreach (var clip in clips)
        {
            clip.Samples.Span.CopyTo(result.AsSpan(offset));
            offset += clip.Length;
        }

        return new PcmAudio(result, sampleRate);
    }

    /// <summary>A view of part of the clip (no copy); the range is clamped to the clip.</summary>
    public PcmAudio Slice(TimeSpan start, TimeSpan length)
    {
        int from = Math.Clamp(TimeToSamples(start, SampleRate), 0, Length);
        int count = Math.Clamp(TimeToSamples(length, SampleRate), 0, Length - from);
        return new PcmAudio(Samples.Slice(from, count), SampleRate);
    }

    /// <summary>This clip at another rate (a new buffer), aligned in time with the original.</summary>
    public PcmAudio ResampleTo(int sampleRate) =>
        sampleRate == SampleRate ? this : new PcmAudio(Resampler.Resample(Samples.Span, SampleRate, sampleRate), sampleRate);

    public static int TimeToSamples(TimeSpan time, int sampleRate) => (int)Math.Round(time.TotalSeconds * sampleRate, MidpointRounding.AwayFromZero);

    public static TimeSpan SamplesToTime(long samples, int sampleRate) => TimeSpan.FromTicks(samples * TimeSpan.TicksPerSecond / sampleRate);
}
