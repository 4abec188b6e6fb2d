using System.Buffers;
using LiveKit.Rtc.Tests.Infrastructure;

namespace LiveKit.Rtc.Tests.Audio;

public sealed class AudioResamplerTests
{
    [Theory]
    [InlineData(48000, 16000, 440.0)]
    [InlineData(16000, 48000, 440.0)]
    [InlineData(44100, 16000, 1000.0)]
    public void Push_SineInChunks_OutputKeepsFrequencyAndRatio(int inputRate, int outputRate, double frequency)
    {
        using var resampler = new AudioResampler(inputRate, outputRate, 1, AudioResamplerQuality.High);
        var output = new ArrayBufferWriter<short>();
        int chunk = inputRate / 100;
        int total = 0;
        for (int i = 0; i < 100; i++)
        {
            total += resampler.Push(Signal.Sine(frequency, inputRate, chunk, startSample: (long)i * chunk), output);
        }
        total += resampler.Flush(output);

        Assert.Equal(output.WrittenCount, total);
        Assert.InRange(total, outputRate * 0.98, outputRate * 1.02); // one second in, one second out
        var steady = output.WrittenSpan[(outputRate / 10)..^(outputRate / 10)];
        Assert.InRange(Signal.ZeroCrossingFrequency(steady, outputRate), frequency - 1, frequency + 1);
        Assert.InRange(Signal.Rms(steady), 0.5 * short.MaxValue / Math.Sqrt(2) * 0.95, 0.5 * short.MaxValue / Math.Sqrt(2) * 1.05);
    }

    [Fact]
    public void Push_Stereo_KeepsChannelsApart()
    {
        using var resampler = new AudioResampler(48000, 16000, 2);
        var input = new short[48000 * 2];
        var left = Signal.Sine(300, 48000, 48000);
        var right = Signal.Sine(1200, 48000, 48000);
        for (int i = 0; i < 48000; i++)
        {
            input[2 * i] = left[i];
            input[2 * i + 1] = right[i];
        }
        var output = new ArrayBufferWriter<short>();

        resampler.Push(input, output);
        resampler.Flush(output);

        var frame = new Loopback.Frame(output.WrittenSpan.ToArray(), 16000, 2);
        Assert.InRange(Signal.ZeroCrossingFrequency(Loopback.Channel(frame, 0).AsSpan(1600, 12000), 16000), 299, 301);
        Assert.InRange(Signal.ZeroCrossingFrequency(Loopback.Channel(frame, 1).AsSpan(1600, 12000), 16000), 1198, 1202);
    }

    [Fact]
    public void Push_OddSampleCountForStereo_ThrowsArgumentException()
    {
        using var resampler = new AudioResampler(48000, 16000, 2);

        Assert.Throws<ArgumentException>(() => resampler.Push(new short[3], new ArrayBufferWriter<short>()));
    }

    [Fact]
    public void Dispose_ReleasesTheNativeResampler()
    {
        long before = RtcRuntime.LiveHandleCount;
        var resampler = new AudioResampler(48000, 16000);
        Assert.Equal(before + 1, RtcRuntime.LiveHandleCount);

        resampler.Dispose();

        Assert.Equal(before, RtcRuntime.LiveHandleCount);
        Assert.Throws<ObjectDisposedException>(() => resampler.Flush(new ArrayBufferWriter<short>()));
    }
}
