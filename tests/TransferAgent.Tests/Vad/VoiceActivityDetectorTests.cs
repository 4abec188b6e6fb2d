using WarmTransfer.TransferAgent.Audio;
using WarmTransfer.TransferAgent.Tests.TestSupport;
using WarmTransfer.TransferAgent.Vad;
using Xunit.Abstractions;

namespace WarmTransfer.TransferAgent.Tests.Vad;

/// <summary>Silero VAD through ONNX Runtime on flite speech, silence and noise: segments at the right times.</summary>
[Collection(OfflineEnginesGroup.Name)]
public sealed class VoiceActivityDetectorTests(OfflineEnginesFixture engines, ITestOutputHelper output)
{
    private static readonly TimeSpan Tolerance = TimeSpan.FromMilliseconds(250);

    [Fact]
    public void Process_SpeechSilenceAndNoise_FindsOnlyTheSpeechAtTheRightTimes()
    {
        var first = engines.Speak("Hello, I am calling about a charge on my card.");
        var second = engines.Speak("Could you please check my last payment?");
        var options = new VadOptions();
        // Layout: 1 s silence | speech | 1.5 s silence | 1 s white noise at -35 dBFS | 1 s silence | speech | 1 s silence
        var parts = new[]
        {
            PcmAudio.Silence(TimeSpan.FromSeconds(1), 16000),
            first,
            PcmAudio.Silence(TimeSpan.FromSeconds(1.5), 16000),
            new PcmAudio(TestSignals.Noise(-35, 16000, TimeSpan.FromSeconds(1), seed: 11), 16000),
            PcmAudio.Silence(TimeSpan.FromSeconds(1), 16000),
            second,
            PcmAudio.Silence(TimeSpan.FromSeconds(1), 16000),
        };
        var stream = PcmAudio.Concat(16000, parts);
        var offsets = new List<TimeSpan>();
        var at = TimeSpan.Zero;
        foreach (var part in parts)
        {
            offsets.Add(at);
            at += part.Duration;
        }

        var (firstStart, firstEnd) = SpeechBounds.Measure(first);
        var (secondStart, secondEnd) = SpeechBounds.Measure(second);
        var expected = new[]
        {
            (Start: offsets[1] + firstStart, End: offsets[1] + firstEnd),
            (Start: offsets[5] + secondStart, End: offsets[5] + secondEnd),
        };

        var events = RunInChunks(stream, options, seed: 1);

        var segments = events.Where(e => e.Kind == VadEventKind.SpeechEnded).Select(e => e.Segment!).ToList();
        foreach (var s in segments)
        {
            output.WriteLine($"segment {s.Index}: {s.Start.TotalSeconds:0.000}-{s.End.TotalSeconds:0.000} s");
        }

        output.WriteLine($"expected speech: {expected[0].Start.TotalSeconds:0.000}-{expected[0].End.TotalSeconds:0.000} and {expected[1].Start.TotalSeconds:0.000}-{expected[1].End.TotalSeconds:0.000} s; noise {offsets[3].TotalSeconds:0.000}-{offsets[4].TotalSeconds:0.000} s");
        Assert.Equal(2, segments.Count);
        for (int i = 0; i < 2; i++)
        {
            // Segments are the speech plus the configured padding on each side.
            AssertNear(expected[i].Start - options.SpeechPadding, segments[i].Start, $"segment {i} start");
            AssertNear(expected[i].End + options.SpeechPadding, segments[i].End, $"segment {i} end");
        }

        var starts = events.Where(e => e.Kind == VadEventKind.SpeechStarted).Select(e => e.Timestamp).ToList();
        Assert.Equal(2, starts.Count);
        AssertNear(expected[0].Start, starts[0], "first speech start event");
        AssertNear(expected[1].Start, starts[1], "second speech start event");
    }

    [Fact]
    public void Process_OnlyNoiseAndSilence_FindsNothing()
    {
        var stream = PcmAudio.Concat(
            16000,
            PcmAudio.Silence(TimeSpan.FromSeconds(1), 16000),
            new PcmAudio(TestSignals.Noise(-30, 16000, TimeSpan.FromSeconds(3), seed: 5), 16000),
            PcmAudio.Silence(TimeSpan.FromSeconds(1), 16000));

        var events = RunInChunks(stream, new VadOptions(), seed: 2);

        Assert.Empty(events);
    }

    [Fact]
    public void Process_SameAudioInDifferentChunking_GivesIdenticalSegments()
    {
        var speech = PcmAudio.Concat(16000, PcmAudio.Silence(TimeSpan.FromSeconds(0.5), 16000), engines.Speak("My account number is four seven one two."), PcmAudio.Silence(TimeSpan.FromSeconds(1), 16000));

        var a = RunInChunks(speech, new VadOptions(), seed: 3).Where(e => e.Segment is not null).Select(e => e.Segment!).ToList();
        var b = RunInChunks(speech, new VadOptions(), seed: 4).Where(e => e.Segment is not null).Select(e => e.Segment!).ToList();

        Assert.Single(a);
        Assert.Equal(a[0].Start, b[0].Start);
        Assert.Equal(a[0].Audio.Samples.ToArray(), b[0].Audio.Samples.ToArray());
    }

    private List<VadEvent> RunInChunks(PcmAudio stream, VadOptions options, int seed)
    {
        using var detector = new VoiceActivityDetector(engines.Vad, options);
        var events = new List<VadEvent>();
        var random = new Random(seed);
        var samples = stream.Samples;
        for (int offset = 0; offset < samples.Length;)
        {
            int n = Math.Min(random.Next(100, 2000), samples.Length - offset);
            detector.Process(samples.Span.Slice(offset, n), events);
            offset += n;
        }

        detector.Complete(events);
        return events;
    }

    private static void AssertNear(TimeSpan expected, TimeSpan actual, string what) =>
        Assert.True((actual - expected).Duration() <= Tolerance, $"{what}: {actual.TotalSeconds:0.000} s, expected {expected.TotalSeconds:0.000} s +/- {Tolerance.TotalMilliseconds} ms");
}
