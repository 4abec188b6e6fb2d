using WarmTransfer.TransferAgent.Audio;
using WarmTransfer.TransferAgent.Tests.TestSupport;

namespace WarmTransfer.TransferAgent.Tests.Audio;

public sealed class AudioLevelTests
{
    [Fact]
    public void Dbfs_FullScaleSine_IsMinusThreeDecibels()
    {
        var sine = TestSignals.Sine(1000, 1.0, 48000, TimeSpan.FromSeconds(1));

        Assert.InRange(AudioLevel.Dbfs(sine), -3.02, -3.00);
        Assert.Equal(AudioLevel.SilenceDbfs, AudioLevel.Dbfs(new short[100]));
    }

    [Fact]
    public void ApplyGain_SixDecibels_DoublesAndSaturates()
    {
        short[] samples = [1000, -1000, 30000, -30000];

        AudioLevel.ApplyGain(samples, 20 * Math.Log10(2));

        Assert.Equal(new short[] { 2000, -2000, short.MaxValue, short.MinValue }, samples);
    }

    [Fact]
    public void NormalizeTo_QuietSpeechLikeSignal_ReachesTargetWithoutClipping()
    {
        var quiet = TestSignals.Noise(-40, 16000, TimeSpan.FromSeconds(1), seed: 3);

        double gain = AudioLevel.NormalizeTo(quiet, -20);

        Assert.InRange(gain, 19.5, 20.0);
        Assert.InRange(AudioLevel.Dbfs(quiet), -20.6, -19.4);
        Assert.True(AudioLevel.PeakDbfs(quiet) < 0);
    }
}
