using System.Diagnostics;
using Microsoft.Extensions.AI;
using WarmTransfer.TransferAgent.Audio;
using WarmTransfer.TransferAgent.Language;
using WarmTransfer.TransferAgent.Providers.Offline.PocketSphinx;
using WarmTransfer.TransferAgent.Resilience;
using WarmTransfer.TransferAgent.SpeechToText;
using WarmTransfer.TransferAgent.Tests.TestSupport;
using WarmTransfer.TransferAgent.Vad;
using Xunit.Abstractions;

namespace WarmTransfer.TransferAgent.Tests.SpeechToText;

[Collection(OfflineEnginesGroup.Name)]
public sealed class SpeechToTextStreamAdapterTests(OfflineEnginesFixture engines, ITestOutputHelper output)
{
    private static readonly TimeSpan Generous = TimeSpan.FromMinutes(3);

    [Fact]
    public async Task ReadEventsAsync_FliteCallerThroughVadAndPocketSphinx_WordErrorRateUnderTenPercent()
    {
        // The caller's sentences, spoken by flite, separated by pauses, arriving in 20 ms chunks like LiveKit frames.
        var parts = new List<PcmAudio> { PcmAudio.Silence(TimeSpan.FromSeconds(0.7), 16000) };
        foreach (string sentence in CallerScript.Sentences)
        {
            parts.Add(engines.Speak(sentence));
            parts.Add(PcmAudio.Silence(TimeSpan.FromSeconds(0.8), 16000));
        }

        var call = PcmAudio.Concat(16000, [.. parts]);
        output.WriteLine($"audio sha256 {Convert.ToHexString(System.Security.Cryptography.SHA256.HashData(PcmSamples.ToBytes(call.Samples.Span)))[..16]}");
        await using var adapter = new SpeechToTextStreamAdapter(
            engines.Decoders.AsISpeechToTextClient(), engines.Vad, new VadOptions(), new SpeechToTextStreamOptions { StreamId = "caller" });

        var clock = Stopwatch.StartNew();
        var reading = ReadAllAsync(adapter);
        for (int offset = 0; offset < call.Length; offset += 320)
        {
            await adapter.WriteAsync(call.Samples.Slice(offset, Math.Min(320, call.Length - offset)));
        }

        await adapter.CompleteAsync();
        var events = await reading.WaitAsync(Generous);
        clock.Stop();

        var finals = events.Where(e => e.Kind == TranscriptEventKind.FinalTranscript).ToList();
        foreach (var e in finals)
        {
            output.WriteLine($"{e.SegmentId} {e.Start.TotalSeconds,6:0.00}-{e.End.TotalSeconds,6:0.00} s: {e.Text}");
        }

        string reference = string.Join(' ', CallerScript.Sentences);
        string hypothesis = string.Join(' ', finals.Select(e => e.Text));
        var refWords = WordErrorRate.Words(reference);
        var hypWords = WordErrorRate.Words(hypothesis);
        int errors = WordErrorRate.EditDistance(refWords, hypWords);
        double wer = WordErrorRate.Compute(refWords, hypWords);
        output.WriteLine($"reference : {string.Join(' ', refWords)}");
        output.WriteLine($"hypothesis: {string.Join(' ', hypWords)}");
        output.WriteLine($"WER {wer:P1} ({errors} errors / {refWords.Count} words); {call.Duration.TotalSeconds:0.0} s of audio processed in {clock.Elapsed.TotalSeconds:0.0} s");

        Assert.Equal(CallerScript.Sentences.Length, finals.Count); // one segment per sentence
        Assert.All(finals, e => Assert.Equal("pocketsphinx", e.Provenance?.ServedBy ?? "pocketsphinx"));
        Assert.Equal(finals.Select(e => e.Start).Order(), finals.Select(e => e.Start));
        Assert.Equal(finals.Count, events.Count(e => e.Kind == TranscriptEventKind.SpeechStarted));
        Assert.True(wer < 0.10, $"WER {wer:P1} is not under 10 %");
        Assert.Contains("471293", hypWords);
        Assert.Contains("245", hypWords);
    }

    [Fact]
    public async Task ReadEventsAsync_ProviderFailsOnOneSegment_ReportsItAndCarriesOn()
    {
        int call = 0;
        var client = new TestSpeechToTextClient
        {
            GetTextAsyncCallback = async (stream, options, ct) =>
            {
                var audio = await SpeechAudio.ReadAsync(stream, options, ct);
                Assert.Equal(16000, audio.SampleRate);
                return ++call == 1
                    ? throw EngineErrors.FromStatus("openai", 503, null, null)
                    : new SpeechToTextResponse($"segment of {audio.Duration.TotalSeconds:0.0} seconds");
            },
        };
        var speech = engines.Speak("Thank you for holding.");
        var stream = PcmAudio.Concat(16000, PcmAudio.Silence(TimeSpan.FromSeconds(0.5), 16000), speech, PcmAudio.Silence(TimeSpan.FromSeconds(1), 16000), speech, PcmAudio.Silence(TimeSpan.FromSeconds(1), 16000));
        await using var adapter = new SpeechToTextStreamAdapter(client, engines.Vad, new VadOptions());

        var reading = ReadAllAsync(adapter);
        await adapter.WriteAsync(stream.Samples);
        await adapter.CompleteAsync();
        var events = (await reading.WaitAsync(Generous)).Where(e => e.Kind != TranscriptEventKind.SpeechStarted).ToList();

        Assert.Equal(2, events.Count);
        Assert.Equal(TranscriptEventKind.RecognitionFailed, events[0].Kind);
        Assert.Equal(EngineErrorKind.ServerError, events[0].Error!.Kind);
        Assert.Equal(TranscriptEventKind.FinalTranscript, events[1].Kind);
        Assert.StartsWith("segment of", events[1].Text, StringComparison.Ordinal);
        Assert.Equal("stream-1", events[1].SegmentId);
    }

    [Fact]
    public async Task TranscribeAsync_AudioAsAsyncStream_YieldsTranscriptsAndCompletes()
    {
        var client = new TestSpeechToTextClient { GetTextAsyncCallback = (_, _, _) => Task.FromResult(new SpeechToTextResponse("hello")) };
        var stream = PcmAudio.Concat(16000, PcmAudio.Silence(TimeSpan.FromSeconds(0.5), 16000), engines.Speak("Good morning."), PcmAudio.Silence(TimeSpan.FromSeconds(1), 16000));

        var events = new List<TranscriptEvent>();
        await foreach (var e in client.TranscribeAsync(Chunks(stream, 480), engines.Vad, new VadOptions()).WithCancellation(new CancellationTokenSource(Generous).Token))
        {
            events.Add(e);
        }

        Assert.Equal([TranscriptEventKind.SpeechStarted, TranscriptEventKind.FinalTranscript], events.Select(e => e.Kind));
        Assert.Equal("hello", events[1].Text);
    }

    [Fact]
    public async Task DisposeAsync_WhileRecognising_CancelsAndReturns()
    {
        var entered = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var client = new TestSpeechToTextClient
        {
            GetTextAsyncCallback = async (_, _, ct) =>
            {
                entered.TrySetResult();
                await Task.Delay(Timeout.Infinite, ct);
                return new SpeechToTextResponse("never");
            },
        };
        var adapter = new SpeechToTextStreamAdapter(client, engines.Vad, new VadOptions());
        await adapter.WriteAsync(PcmAudio.Concat(16000, engines.Speak("One moment."), PcmAudio.Silence(TimeSpan.FromSeconds(1), 16000)).Samples);
        await entered.Task.WaitAsync(Generous);

        await adapter.DisposeAsync().AsTask().WaitAsync(Generous);

        await Assert.ThrowsAsync<ObjectDisposedException>(() => adapter.WriteAsync(new short[10]).AsTask());
    }

    private static async Task<List<TranscriptEvent>> ReadAllAsync(SpeechToTextStreamAdapter adapter)
    {
        var events = new List<TranscriptEvent>();
        await foreach (var e in adapter.ReadEventsAsync())
        {
            events.Add(e);
        }

        return events;
    }

    private static async IAsyncEnumerable<ReadOnlyMemory<short>> Chunks(PcmAudio audio, int size)
    {
        for (int offset = 0; offset < audio.Length; offset += size)
        {
            await Task.Yield();
            yield return audio.Samples.Slice(offset, Math.Min(size, audio.Length - offset));
        }
    }
}
