using WarmTransfer.TransferAgent.Audio;
using WarmTransfer.TransferAgent.Tests.TestSupport;
using Xunit.Abstractions;

namespace WarmTransfer.TransferAgent.Tests.Audio;

public sealed class ResamplerTests(ITestOutputHelper output)
{
    [Fact]
    public void Resample_SineThrough48kTo16kTo48k_KeepsFrequencyAndAmplitude()
    {
        var input = TestSignals.Sine(1000, 0.5, 48000, TimeSpan.FromSeconds(1));

        var down = ProcessInChunks(new Resampler(48000, 16000), input, seed: 1);
        var back = ProcessInChunks(new Resampler(16000, 48000), down, seed: 2);

        Assert.Equal(16000, down.Length);
        Assert.Equal(48000, back.Length);
        var steady = back.AsSpan(4800, 48000 - 9600); // skip the 100 ms where the signal switches on and off
        double frequency = TestSignals.ZeroCrossingFrequency(steady, 48000);
        double amplitude = TestSignals.ToneAmplitude(steady, 1000, 48000) / 32767;
        output.WriteLine($"round trip: {frequency:0.000} Hz, amplitude {amplitude:0.00000} (in: 1000 Hz, 0.5)");
        Assert.InRange(frequency, 999.5, 1000.5);
        Assert.InRange(amplitude, 0.5 * 0.99, 0.5 * 1.01);

        // Time alignment: the round trip is the input again, sample for sample, within a small error.
        int worst = 0;
        for (int i = 4800; i < 48000 - 4800; i++)
        {
            worst = Math.Max(worst, Math.Abs(back[i] - input[i]));
        }

        output.WriteLine($"largest difference from the input: {worst} ({worst / 327.67:0.00} % of full scale)");
        Assert.True(worst < 33, $"largest difference {worst} exceeds 0.1 % of full scale");
    }

    [Theory]
    [InlineData(48000, 16000)]
    [InlineData(16000, 48000)]
    [InlineData(24000, 48000)]
    [InlineData(22050, 16000)]
    public void Process_ChunksOfAnySize_SameAsOneShotAndNoDiscontinuities(int inputRate, int outputRate)
    {
        var input = TestSignals.Sine(440, 0.8, inputRate, TimeSpan.FromSeconds(0.5));

        var oneShot = Resampler.Resample(input, inputRate, outputRate);
        var chunked = ProcessInChunks(new Resampler(inputRate, outputRate), input, seed: inputRate);

        Assert.Equal((int)Math.Ceiling((double)input.Length * outputRate / inputRate), oneShot.Length);
        Assert.Equal(oneShot, chunked);

        // A 440 Hz sine at 0.8 full scale never moves more than 2*pi*f/fs*A per sample; a seam would.
        double bound = (2 * Math.PI * 440 / outputRate * 0.8 * 32767 * 1.02) + 2;
        int from = outputRate / 50, to = chunked.Length - (outputRate / 50);
        for (int i = from + 1; i < to; i++)
        {
            Assert.True(Math.Abs(chunked[i] - chunked[i - 1]) <= bound, $"step of {chunked[i] - chunked[i - 1]} at output sample {i}");
        }
    }

    [Fact]
    public void Resample_ToneAboveNewNyquist_IsRejected()
    {
        // 12 kHz cannot exist at 16 kHz; without a good filter it would alias to 4 kHz.
        var input = TestSignals.Sine(12000, 0.5, 48000, TimeSpan.FromSeconds(0.5));

        var down = Resampler.Resample(input, 48000, 16000);

        double alias = TestSignals.ToneAmplitude(down.AsSpan(800, 6400), 4000, 16000);
        double attenuationDb = alias == 0 ? double.NegativeInfinity : 20 * Math.Log10(alias / (0.5 * 32767));
        output.WriteLine(alias == 0 ? "12 kHz alias at 4 kHz: below one 16-bit step" : $"12 kHz aliased to 4 kHz at {attenuationDb:0.0} dB");
        Assert.True(attenuationDb < -70, $"alias only {attenuationDb:0.0} dB down");
    }

    [Fact]
    public void Resample_Downsampling_IsAlignedWithDecimation()
    {
        var input = TestSignals.Sine(300, 0.5, 48000, TimeSpan.FromSeconds(0.2));

        var down = Resampler.Resample(input, 48000, 16000);

        for (int n = 160; n < down.Length - 160; n++)
        {
            Assert.InRange(down[n] - input[3 * n], -40, 40);
        }
    }

    [Fact]
    public void Reset_AfterUse_StartsAFreshStream()
    {
        var resampler = new Resampler(16000, 48000);
        var input = TestSignals.Sine(500, 0.3, 16000, TimeSpan.FromMilliseconds(100));
        var first = ProcessInChunks(resampler, input, seed: 3);

        resampler.Process(input.AsSpan(0, 77), new short[resampler.GetMaxOutputLength(77)]);
        resampler.Reset();
        var second = ProcessInChunks(resampler, input, seed: 4);

        Assert.Equal(first, second);
    }

    private static short[] ProcessInChunks(Resampler resampler, short[] input, int seed)
    {
        var random = new Random(seed);
        var result = new List<short>();
        int offset = 0;
        while (offset < input.Length)
        {
            int n = Math.Min(random.Next(1, 1500), input.Length - offset);
            var buffer = new short[resampler.GetMaxOutputLength(n)];
            int written = resampler.Process(input.AsSpan(offset, n), buffer);
            result.AddRange(buffer.AsSpan(0, written));
            offset += n;
        }

        var tail = new short[resampler.GetMaxOutputLength(0)];
        int t = resampler.Flush(tail);
        result.AddRange(tail.AsSpan(0, t));
        return [.. result];
    }
}
