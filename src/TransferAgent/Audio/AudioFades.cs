namespace WarmTransfer.TransferAgent.Audio;

/// <summary>
/// Raised-cosine fades. Starting or stopping a track on a non-zero sample is an audible click; a 5-20 ms fade at
/// each edge of synthesised speech and hold music removes it.
/// </summary>
public static class AudioFades
{
    public static readonly TimeSpan DefaultFade = TimeSpan.FromMilliseconds(10);

    /// <summary>Ramps the first <paramref name="fadeSamples"/> samples up from silence.</summary>
    public static void FadeIn(Span<short> samples, int fadeSamples)
    {
        int n = Math.Min(fadeSamples, samples.Length);
        for (int i = 0; i < n; i++)
        {
            samples[i] = (short)(samples[i] * Gain(i, n));
        }
    }

    /// <summary>Ramps the last <paramref name="fadeSamples"/> samples down to silence.</summary>
    public static void FadeOut(Span<short> samples, int fadeSamples)
    {
        int n = Math.Min(fadeSamples, samples.Length);
        int offset = samples.Length - n;
        for (int i = 0; i < n; i++)
        {
            samples[offset + i] = (short)(samples[offset + i] * Gain(n - 1 - i, n));
        }
    }

    /// <summary>A copy of <paramref name="audio"/> faded in and out over <paramref name="fade"/> (default 10 ms) at each edge.</summary>
    public static PcmAudio WithFadedEdges(PcmAudio audio, TimeSpan? fade = null)
    {
        ArgumentNullException.ThrowIfNull(audio);
        int n = PcmAudio.TimeToSamples(fade ?? DefaultFade, audio.SampleRate);
        var copy = audio.Samples.ToArray();
        FadeIn(copy, n);
        FadeOut(copy, n);
        return new PcmAudio(copy, audio.SampleRate);
    }

    /// <summary>Gain of sample <paramref name="i"/> of an <paramref name="n"/>-sample fade-in: 0.5 - 0.5 cos(pi (i + 1) / (n + 1)).</summary>
    private static float Gain(int i, int n) => 0.5f - (0.5f * MathF.Cos(MathF.PI * (i + 1) / (n + 1)));
}
