namespace LiveKit.Rtc.Tests.Infrastructure;

/// <summary>Plays a tone into an AudioSource while collecting (copies of) what an AudioStream yields.</summary>
public static class Loopback
{
    public sealed record Frame(short[] Samples, int SampleRate, int NumChannels)
    {
        public int SamplesPerChannel => Samples.Length / NumChannels;
    }

    public static async Task<List<Frame>> RunAsync(AudioSource source, AudioStream stream, double frequency, double seconds, int wantedToneFrames, TimeSpan timeout)
    {
        using var cts = new CancellationTokenSource(timeout);
        var frames = new List<Frame>();
        var reader = Task.Run(async () =>
        {
            await foreach (var f in stream.WithCancellation(cts.Token))
            {
                // AudioFrame's memory is only valid until the next iteration: copy.
                frames.Add(new Frame(f.ToArray(), f.SampleRate, f.NumChannels));
                if (ToneFrames(frames).Count >= wantedToneFrames)
                {
                    return;
                }
            }
        }, cts.Token);

        int chunk = source.SampleRate / 100;
        int chunks = (int)(seconds * 100);
        for (int i = 0; i < chunks && !reader.IsCompleted; i++)
        {
            await source.CaptureFrameAsync(Signal.Sine(frequency, source.SampleRate, chunk, source.NumChannels, (long)i * chunk), cts.Token);
        }
        await reader;
        return frames;
    }

    /// <summary>
    /// Frames entirely inside the tone: full level (the sine's RMS is 0.5 / sqrt 2 of full scale, 11585). The
    /// core sends silence before the first capture and whenever its queue runs dry, and a frame spanning such
    /// an edge is partly silent; those are left out.
    /// </summary>
    public static List<Frame> ToneFrames(IEnumerable<Frame> frames) => frames.Where(f => Signal.Rms(f.Samples) > 10_500).ToList();

    public static double MedianFrequency(IEnumerable<Frame> frames, int sampleRate)
        => Median(frames.Select(f => Signal.ZeroCrossingFrequency(Channel(f, 0), sampleRate)));

    public static short[] Channel(Frame frame, int channel)
    {
        var mono = new short[frame.SamplesPerChannel];
        for (int i = 0; i < mono.Length; i++)
        {
            mono[i] = frame.Samples[i * frame.NumChannels + channel];
        }
        return mono;
    }

    public static double Median(IEnumerable<double> values)
    {
        var sorted = values.Order().ToArray();
        return sorted.Length == 0 ? double.NaN : sorted[sorted.Length / 2];
    }

    /// <summary>Asserts the tone's frequency carries far more energy than its neighbours a musical third away.</summary>
    public static void AssertDominant(IReadOnlyList<Frame> frames, int sampleRate, double frequency)
    {
        var samples = frames.SelectMany(f => Channel(f, 0)).ToArray();
        double at = Signal.GoertzelPower(samples, sampleRate, frequency);
        double below = Signal.GoertzelPower(samples, sampleRate, frequency * 0.8);
        double above = Signal.GoertzelPower(samples, sampleRate, frequency * 1.25);
        Assert.True(at > 20 * below && at > 20 * above, $"power at {frequency} Hz {at:E2}, at {frequency * 0.8} Hz {below:E2}, at {frequency * 1.25} Hz {above:E2}");
    }
}
