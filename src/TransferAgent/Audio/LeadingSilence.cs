namespace WarmTransfer.TransferAgent.Audio;

/// <summary>
/// Trims the silence a speech engine puts before the first word (flite: about 0.3 s), keeping a short lead-in so the
/// onset is not cut. Every 10 ms of it is 10 ms more that Agent B waits before hearing the briefing begin.
/// </summary>
public static class LeadingSilence
{
    /// <summary>Level below which a 10 ms window counts as silence (speech is far above; engine noise floors far below).</summary>
    public const double SilenceDbfs = -50;

    /// <summary>Returns <paramref name="clip"/> from <paramref name="keep"/> before its first non-silent 10 ms on; the clip itself when it has no such silence.</summary>
    public static PcmAudio Trim(PcmAudio clip, TimeSpan keep)
    {
        ArgumentNullException.ThrowIfNull(clip);
        int window = Math.Max(1, clip.SampleRate / 100);
        var samples = clip.Samples.Span;
        int onset = -1;
        for (int start = 0; start + window <= samples.Length; start += window)
        {
            if (AudioLevel.Dbfs(samples.Slice(start, window)) > SilenceDbfs)
            {
                onset = start;
                break;
            }
        }

        if (onset < 0)
        {
            return clip; // all silence (or shorter than a window): nothing to say where speech begins
        }

        int from = Math.Max(0, onset - PcmAudio.TimeToSamples(keep, clip.SampleRate));
        return from == 0 ? clip : new PcmAudio(clip.Samples[from..], clip.SampleRate);
    }
}
