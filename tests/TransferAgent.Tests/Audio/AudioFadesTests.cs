using WarmTransfer.TransferAgent.Audio;

namespace WarmTransfer.TransferAgent.Tests.Audio;

public sealed class AudioFadesTests
{
    [Fact]
    public void WithFadedEdges_ConstantSignal_RampsFromAndToSilenceAndKeepsTheMiddle()
    {
        var audio = new PcmAudio(Enumerable.Repeat((short)10000, 16000).ToArray(), 16000);

        var faded = AudioFades.WithFadedEdges(audio, TimeSpan.FromMilliseconds(10)).Samples.Span;

        Assert.InRange(faded[0], (short)0, (short)10);
        Assert.InRange(faded[^1], (short)0, (short)10);
        for (int i = 1; i < 160; i++)
        {
            Assert.True(faded[i] >= faded[i - 1], $"fade-in not monotonic at {i}");
            Assert.True(faded[^(i + 1)] >= faded[^i], $"fade-out not monotonic at {i}");
        }

        Assert.True(faded[160..^160].ToArray().All(s => s == 10000));
        Assert.Equal(10000, audio.Samples.Span[0]); // the original is untouched
    }
}
