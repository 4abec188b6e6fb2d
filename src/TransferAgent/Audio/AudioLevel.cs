namespace WarmTransfer.TransferAgent.Audio;

/// <summary>Level measurement and gain for 16-bit PCM. dBFS here is RMS relative to full scale (a full-scale sine is -3 dBFS).</summary>
public static class AudioLevel
{
    /// <summary>The level reported for digital silence.</summary>
    public const double SilenceDbfs = -120;

    /// <summary>RMS as a fraction of full scale (0..1).</summary>
    public static double Rms(ReadOnlySpan<short> samples)
    {
        if (samples.IsEmpty)
        {
            return 0;
        }

        double sum = 0;
        foreach (short s in samples)
        {
            sum += (double)s * s;
        }

        return Math.Sqrt(sum / samples.Length) / PcmSamples.FullScale;
    }

    public static double Dbfs(ReadOnlySpan<short> samples) => ToDb(Rms(samples));

    public static double PeakDbfs(ReadOnlySpan<short> samples)
    {
        int peak = 0;
        foreach (short s in samples)
        {
            peak = Math.Max(peak, Math.Abs((int)s));
        }

        return ToDb(peak / PcmSamples.FullScale);
    }

    /// <summary>Multiplies by <paramref name="gainDb"/> decibels, saturating at full scale.</summary>
    public static void ApplyGain(Span<short> samples, double gainDb)
    {
        float factor = (float)Math.Pow(10, gainDb / 20);
        for (int i = 0; i < samples.Length; i++)
        {
            samples[i] = PcmSamples.Saturate(samples[i] * factor);
        }
    }

    /// <summary>
    /// Scales the RMS level to <paramref name="targetDbfs"/>, with the gain capped at <paramref name="maxGainDb"/> (so near-silence
    /// is not blown up into noise) and reduced if it would clip the peak. Returns the gain applied.
    /// </summary>
    public static double NormalizeTo(Span<short> samples, double targetDbfs, double maxGainDb = 20)
    {
        double level = Dbfs(samples);
        if (level <= SilenceDbfs)
        {
            return 0;
        }

        double gain = Math.Min(targetDbfs - level, maxGainDb);
        gain = Math.Min(gain, -0.1 - PeakDbfs(samples));
        ApplyGain(samples, gain);
        return gain;
    }

    private static double ToDb(double fraction) => fraction <= 1e-6 ? SilenceDbfs : Math.Max(SilenceDbfs, 20 * Math.Log10(fraction));
}
