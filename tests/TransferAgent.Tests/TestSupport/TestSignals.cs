using WarmTransfer.TransferAgent.Audio;

namespace WarmTransfer.TransferAgent.Tests.TestSupport;

/// <summary>Synthetic test signals: tones and seeded noise.</summary>
public static class TestSignals
{
    public static short[] Sine(double frequency, double amplitude, int sampleRate, TimeSpan duration)
    {
        var samples = new short[PcmAudio.TimeToSamples(duration, sampleRate)];
        for (int i = 0; i < samples.Length; i++)
        {
            samples[i] = (short)Math.Round(amplitude * 32767 * Math.Sin(2 * Math.PI * frequency * i / sampleRate));
        }

        return samples;
    }

    /// <summary>Gaussian-ish white noise (sum of uniforms) at roughly <paramref name="rmsDbfs"/>, deterministic for a seed.</summary>
    public static short[] Noise(double rmsDbfs, int sampleRate, TimeSpan duration, int seed)
    {
        var random = new Random(seed);
        double rms = Math.Pow(10, rmsDbfs / 20) * 32768;
        var samples = new short[PcmAudio.TimeToSamples(duration, sampleRate)];
        for (int i = 0; i < samples.Length; i++)
        {
            double g = random.NextDouble() + random.NextDouble() + random.NextDouble() + random.NextDouble() - 2; // variance 1/3
            samples[i] = (short)Math.Clamp(g * rms * Math.Sqrt(3), short.MinValue, short.MaxValue);
        }

        return samples;
    }

    /// <summary>Amplitude of the <paramref name="frequency"/> component (single-bin DFT), in sample units.</summary>
    public static double ToneAmplitude(ReadOnlySpan<short> samples, double frequency, int sampleRate)
    {
        double re = 0, im = 0;
        for (int i = 0; i < samples.Length; i++)
        {
            double phase = 2 * Math.PI * frequency * i / sampleRate;
            re += samples[i] * Math.Cos(phase);
            im += samples[i] * Math.Sin(phase);
        }

        return 2 * Math.Sqrt((re * re) + (im * im)) / samples.Length;
    }

    /// <summary>Frequency estimated from the interval between the first and last positive-going zero crossings.</summary>
    public static double ZeroCrossingFrequency(ReadOnlySpan<short> samples, int sampleRate)
    {
        double first = -1, last = -1;
        int crossings = 0;
        for (int i = 1; i < samples.Length; i++)
        {
            if (samples[i - 1] < 0 && samples[i] >= 0)
            {
                double t = i - 1 + (-samples[i - 1] / (double)(samples[i] - samples[i - 1]));
                if (first < 0)
                {
                    first = t;
                }
                else
                {
                    crossings++;
                }

                last = t;
            }
        }

        return crossings * sampleRate / (last - first);
    }
}
