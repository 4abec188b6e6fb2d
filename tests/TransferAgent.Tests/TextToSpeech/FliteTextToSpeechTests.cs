using Microsoft.Extensions.AI;
using WarmTransfer.TransferAgent.Audio;
using WarmTransfer.TransferAgent.Language;
using WarmTransfer.TransferAgent.Providers.Offline.Flite;
using WarmTransfer.TransferAgent.Providers.Offline.Extractive;
using WarmTransfer.TransferAgent.Providers.Offline.PocketSphinx;
using WarmTransfer.TransferAgent.SpeechToText;
using WarmTransfer.TransferAgent.Vad;
using WarmTransfer.TransferAgent.Tests.TestSupport;
using WarmTransfer.TransferAgent.TextToSpeech;
using Xunit.Abstractions;

namespace WarmTransfer.TransferAgent.Tests.TextToSpeech;

/// <summary>flite through ITextToSpeechClient: format, duration, and what pocketsphinx hears back.</summary>
[Collection(OfflineEnginesGroup.Name)]
public sealed class FliteTextToSpeechTests(OfflineEnginesFixture engines, ITestOutputHelper output)
{
    [Fact]
    public async Task GetAudioAsync_ShortAndLongText_16kPcmWithDurationProportionalToWords()
    {
        using var tts = engines.Flite.AsITextToSpeechClient();
        const string shortText = "Please hold for a moment.";
        string longText = string.Join(' ', Enumerable.Repeat(shortText, 4));

        var shortAudio = PcmMediaType.Decode((DataContent)(await tts.GetAudioAsync(shortText)).Contents.Single());
        var longAudio = PcmMediaType.Decode((DataContent)(await tts.GetAudioAsync(longText)).Contents.Single());

        double ratio = longAudio.Duration / shortAudio.Duration;
        double wordsPerMinute = 20 / longAudio.Duration.TotalMinutes;
        output.WriteLine($"short {shortAudio.Duration.TotalSeconds:0.00} s, long {longAudio.Duration.TotalSeconds:0.00} s, ratio {ratio:0.00}, {wordsPerMinute:0} words/min");
        Assert.Equal(16000, shortAudio.SampleRate);
        Assert.Equal(16000, longAudio.SampleRate);
        Assert.InRange(ratio, 3.0, 5.0);
        Assert.InRange(wordsPerMinute, 120, 260);
        Assert.InRange(AudioLevel.Dbfs(longAudio.Samples.Span), -35, -6); // audible, not clipped to the rails
    }

    [Fact]
    public async Task GetAudioAsync_SpokenSummaryHeardBackByPocketSphinx_KeepsTheKeyFacts()
    {
        using var tts = engines.Flite.AsITextToSpeechClient();
        string summary = new ExtractiveSummarizer(new ExtractiveSummaryOptions()).Summarize(SampleTransfers.DoubleCharge());
        string speakable = SpeakableText.Format(summary);

        var audio = PcmMediaType.Decode((DataContent)(await tts.GetAudioAsync(speakable)).Contents.Single());
        // Heard the way the worker hears a room: VAD segments, one recognition per segment.
        var events = new List<TranscriptEvent>();
        await using (var stream = new SpeechToTextStreamAdapter(engines.Decoders.AsISpeechToTextClient(), engines.Vad, new VadOptions()))
        {
            await stream.WriteAsync(audio.ResampleTo(16000).Samples);
            await stream.CompleteAsync();
            await foreach (var e in stream.ReadEventsAsync())
            {
                events.Add(e);
            }
        }

        string heard = WordErrorRate.Normalize(string.Join(' ', events.Where(e => e.Kind == TranscriptEventKind.FinalTranscript).Select(e => e.Text)));

        output.WriteLine($"spoken: {speakable}");
        output.WriteLine($"heard:  {heard}");
        output.WriteLine($"WER against the spoken text: {WordErrorRate.Compute(speakable, heard):P1}; {audio.Duration.TotalSeconds:0.0} s of speech");
        foreach (string fact in new[] { "john smith", "471293", "245 dollars", "charged", "refund" })
        {
            Assert.Contains(fact, heard, StringComparison.Ordinal);
        }

        Assert.True(audio.Duration < TimeSpan.FromSeconds(30), $"the briefing takes {audio.Duration.TotalSeconds:0.0} s");
    }

    [Fact]
    public async Task GetStreamingAudioAsync_ThroughPcmOutput_SentencesAt48kJoinWithoutSeams()
    {
        using var tts = new PcmOutputTextToSpeechClient(engines.Flite.AsITextToSpeechClient(), 48000);
        const string text = "Hello. Your colleague is on the line. Please hold.";

        var chunks = new List<PcmAudio>();
        await foreach (var update in tts.GetStreamingAudioAsync(text))
        {
            chunks.AddRange(update.Contents.OfType<DataContent>().Select(c => PcmMediaType.Decode(c)));
        }

        var whole = PcmAudio.Concat(48000, [.. chunks]);
        var separately = SentenceSplitter.Split(text).Select(s => engines.Flite.Synthesize(s)).ToList();
        double expectedSeconds = separately.Sum(a => a.Duration.TotalSeconds);
        output.WriteLine($"{chunks.Count} chunks, {whole.Duration.TotalSeconds:0.000} s (sentences alone: {expectedSeconds:0.000} s)");
        Assert.All(chunks, c => Assert.Equal(48000, c.SampleRate));
        Assert.InRange(whole.Duration.TotalSeconds, expectedSeconds - 0.01, expectedSeconds + 0.01);

        // The sentence boundaries are silence in flite's output; a seam would show as a jump there.
        int offset = 0;
        foreach (var chunk in chunks.Take(chunks.Count - 1))
        {
            offset += chunk.Length;
            var around = whole.Samples.Span.Slice(offset - 48, 96);
            Assert.True(AudioLevel.PeakDbfs(around) < -30, $"discontinuity at sample {offset}");
        }
    }

    [Fact]
    public void Synthesize_SameTextTwice_IsIdentical()
    {
        var first = engines.Flite.Synthesize("Thank you for your patience.");
        var second = engines.Flite.Synthesize("Thank you for your patience.");

        Assert.Equal(first.Samples.ToArray(), second.Samples.ToArray());
    }

    [Fact]
    public void Constructor_VoiceNotInstalled_FailsWithInstallHint()
    {
        var error = Assert.Throws<WarmTransfer.TransferAgent.Resilience.EngineException>(() => new FliteSynthesizer(new FliteOptions { Voice = "nosuchvoice" }));

        Assert.Equal(WarmTransfer.TransferAgent.Resilience.EngineErrorKind.NotInstalled, error.Kind);
        Assert.Contains("libflite1", error.Message, StringComparison.Ordinal);
    }
}
