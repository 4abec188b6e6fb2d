using Microsoft.Extensions.AI;
using WarmTransfer.TransferAgent.Audio;
using WarmTransfer.TransferAgent.Resilience;
using WarmTransfer.TransferAgent.TextToSpeech;

namespace WarmTransfer.TransferAgent.Tests.TextToSpeech;

public sealed class PcmMediaTypeTests
{
    [Fact]
    public void Decode_L16WithRateAndChannels_DownmixesAtThatRate()
    {
        var content = new DataContent(PcmSamples.ToBytes([100, 300, -100, -300]), "audio/l16; rate=22050; channels=2");

        var audio = PcmMediaType.Decode(content);

        Assert.Equal(22050, audio.SampleRate);
        Assert.Equal(new short[] { 200, -200 }, audio.Samples.ToArray());
    }

    [Fact]
    public void Decode_WavContent_ReadsItsHeader()
    {
        var content = new DataContent(WavFile.Encode([1, 2, 3], 24000), "audio/wav");

        var audio = PcmMediaType.Decode(content);

        Assert.Equal(24000, audio.SampleRate);
        Assert.Equal(new short[] { 1, 2, 3 }, audio.Samples.ToArray());
    }

    [Fact]
    public void Decode_L16WithoutRate_UsesTheProviderDefaultOrFails()
    {
        var content = new DataContent(new byte[8], "audio/l16");

        Assert.Equal(24000, PcmMediaType.Decode(content, defaultRate: 24000).SampleRate);
        Assert.Equal(EngineErrorKind.UnsupportedInput, Assert.Throws<EngineException>(() => PcmMediaType.Decode(content)).Kind);
    }

    [Fact]
    public void Decode_Mp3_FailsAskingForPcmOrWav()
    {
        var error = Assert.Throws<EngineException>(() => PcmMediaType.Decode(new DataContent(new byte[16], "audio/mpeg")));

        Assert.Contains("configure the provider for PCM or WAV output", error.Message, StringComparison.Ordinal);
    }
}
