namespace LiveKit.Rtc.Tests.Infrastructure;

/// <summary>Signal processing helpers to check received PCM.</summary>
public static class Signal
{
    /// <summary>Interleaved 16-bit sine of <paramref name="frequency"/> Hz, continuing from <paramref name="startSample"/>.</summary>
    public static short[] Sine(double frequency, int sampleRate, int samplesPerChannel, int channels = 1, long startSample = 0, double amplitude = 0.5)
    {
        var data = new short[samplesPerChannel * channels];
        for (int i = 0; i < samplesPerChannel; i++)
        {
            short v = (short)(Math.Sin(2 * Math.PI * frequency * (startSample + i) / sampleRate) * amplitude * short.MaxValue);
            for (int c = 0; c < channels; c++)
            {
                data[i * channels + c] = v;
            }
        }
        return data;
    }

    /// <summary>Frequency estimated from upward zero crossings with linear interpolation between samples.</summary>
    public static double ZeroCrossingFrequency(ReadOnlySpan<short> mono, int sampleRate)
    {
        double first = -1, last = -1;
        int crossings = 0;
        for (int i = 1; i < mono.Length; i++)
        {
            if (mono[i - 1] < 0 && mono[i] >= 0)
            {
                double t = i - 1 + (double)-mono[i - 1] / (mono[i] - mono[i - 1]);
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
        return crossings == 0 ? 0 : crossings * sampleRate / (last - first);
    }

    /// <summary>Power of <paramref name="frequency"/> in the signal (Goertzel), normalised by length.</summary>
    public static double GoertzelPower(ReadOnlySpan<short> mono, int sampleRate, double frequency)
    {
        double w = 2 * Math.PI * frequency / sampleRate;
        double coeff = 2 * Math.Cos(w);
        double s1 = 0, s2 = 0;
        foreach (short x in mono)
        {
            double s0 = x + coeff * s1 - s2;
            s2 = s1;
            s1 = s0;
        }
        double power = s1 * s1 + s2 * s2 - coeff * s1 * s2;
        return power / ((double)mono.Length * mono.Length);
    }

    public static double Rms(ReadOnlySpan<short> samples)
    {
        double sum = 0;
        foreach (short s in samples)
        {
            sum += (double)s * s;
        }
        return samples.Length == 0 ? 0 : Math.Sqrt(sum / samples.Length);
    }
}
