using Microsoft.Extensions.AI;
using WarmTransfer.TransferAgent.Audio;
using WarmTransfer.TransferAgent.Providers.Offline.Flite;
using WarmTransfer.TransferAgent.Tests.TestSupport;
using WarmTransfer.TransferAgent.TextToSpeech;

namespace WarmTransfer.TransferAgent.Tests.Audio;

/// <summary>The briefing's first words start at once: the engine's lead-in silence is trimmed, the onset kept.</summary>
[Collection(OfflineEnginesGroup.Name)]
public sealed class LeadingSilenceTests(OfflineEnginesFixture engines)
{
    private const int Rate = 16000;

    private static short[] Tone(int milliseconds, double amplitude) =>
        [.. Enumerable.Range(0, Rate * milliseconds / 1000).Select(i => (short)(Math.Sin(2 * Math.PI * 440 * i / Rate) * amplitude * short.MaxValue))];

    [Fact]
    public void Trim_QuietLeadInThenSpeech_StartsTwentyMillisecondsBeforeTheOnset()
    {
        // 300 ms of an engine's noise floor (about -66 dBFS), then 200 ms of tone.
        short[] samples = [.. Tone(300, 0.0007), .. Tone(200, 0.3)];

        var trimmed = LeadingSilence.Trim(new PcmAudio(samples, Rate), TimeSpan.FromMilliseconds(20));

        Assert.Equal(TimeSpan.FromMilliseconds(220), trimmed.Duration);
        Assert.Equal(samples[(280 * Rate / 1000)..], trimmed.Samples.ToArray());
    }

    [Fact]
    public void Trim_ClipStartingWithSpeechOrAllSilence_IsLeftAsItIs()
    {
        var speech = new PcmAudio(Tone(200, 0.3), Rate);
        var silence = PcmAudio.Silence(TimeSpan.FromMilliseconds(500), Rate);

        Assert.Same(speech, LeadingSilence.Trim(speech, TimeSpan.FromMilliseconds(20)));
        Assert.Same(silence, LeadingSilence.Trim(silence, TimeSpan.FromMilliseconds(20)));
    }

    [Fact]
    public async Task Trim_FliteSentence_RemovesItsLeadInAndKeepsEveryAudibleFrame()
    {
        using var tts = engines.Flite.AsITextToSpeechClient();
        var clip = PcmMediaType.Decode((DataContent)(await tts.GetAudioAsync("Caller: John Smith, account 471293.")).Contents.Single());

        var trimmed = LeadingSilence.Trim(clip, TimeSpan.FromMilliseconds(20));

        var cut = clip.Duration - trimmed.Duration;
        Assert.InRange(cut.TotalMilliseconds, 150, 500); // flite leads with about 0.3 s of near silence
        Assert.True(AudioLevel.Dbfs(clip.Samples.Span[..(int)(cut.TotalSeconds * clip.SampleRate)]) < LeadingSilence.SilenceDbfs);
        Assert.Equal(AudibleWindows(clip), AudibleWindows(trimmed));
    }

    /// <summary>How many 10 ms windows are above -45 dBFS (speech, not the engine's noise floor).</summary>
    private static int AudibleWindows(PcmAudio audio)
    {
        int window = audio.SampleRate / 100;
        return Enumerable.Range(0, audio.Length / window).Count(i => AudioLevel.Dbfs(audio.Samples.Span.Slice(i * window, window)) > -45);
    }
}
