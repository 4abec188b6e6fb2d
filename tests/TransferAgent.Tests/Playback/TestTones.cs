using WarmTransfer.TransferAgent.Audio;

namespace WarmTransfer.TransferAgent.Tests.Playback;

internal static class TestTones
{
    /// <summary>A sine at half full scale.</summary>
    public static PcmAudio Sine(double frequency, TimeSpan duration, int sampleRate, long phaseSamples = 0)
    {
        var samples = new short[PcmAudio.TimeToSamples(duration, sampleRate)];
        for (int i = 0; i < samples.Length; i++)
        {
            samples[i] = (short)(16384 * Math.Sin(2 * Math.PI * frequency * (i + phaseSamples) / sampleRate));
        }

        return new PcmAudio(samples, sampleRate);
    }

    /// <summary>Largest jump between consecutive samples across frame boundaries: a click shows up as a jump far above the signal's own slope.</summary>
    public static int LargestStep(IEnumerable<short[]> frames)
    {
        int largest = 0;
        short? previous = null;
        foreach (var frame in frames)
        {
            foreach (short s in frame)
            {
                if (previous is { } p)
                {
                    largest = Math.Max(largest, Math.Abs(s - p));
                }

                previous = s;
            }
        }

        return largest;
    }
}
