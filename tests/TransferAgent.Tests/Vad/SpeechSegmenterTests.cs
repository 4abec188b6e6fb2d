using WarmTransfer.TransferAgent.Vad;

namespace WarmTransfer.TransferAgent.Tests.Vad;

/// <summary>The segmenter driven with synthetic probabilities: exact timings, no model involved.</summary>
public sealed class SpeechSegmenterTests
{
    private const int Window = 512; // 32 ms at 16 kHz

    private static readonly VadOptions Options = new()
    {
        ActivationThreshold = 0.5,
        DeactivationThreshold = 0.35,
        MinSpeechDuration = TimeSpan.FromMilliseconds(96),   // 3 windows
        MinSilenceDuration = TimeSpan.FromMilliseconds(320), // 10 windows
        SpeechPadding = TimeSpan.FromMilliseconds(64),       // 2 windows
        MaxSegmentDuration = TimeSpan.FromSeconds(2),
    };

    [Fact]
    public void Process_SpeechBetweenSilences_OneSegmentWithPaddingOnBothSides()
    {
        var events = Run([(20, 0.05f), (30, 0.9f), (20, 0.05f)]);

        Assert.Equal(2, events.Count);
        Assert.Equal(VadEventKind.SpeechStarted, events[0].Kind);
        Assert.Equal(Ms(20 * 32), events[0].Timestamp);
        var segment = Assert.IsType<SpeechSegment>(events[1].Segment);
        Assert.Equal(Ms((20 - 2) * 32), segment.Start);          // two windows of padding before
        Assert.Equal(Ms((20 + 30 + 2) * 32), segment.End);       // and after
        Assert.Equal((30 + 4) * Window, segment.Audio.Length);
        Assert.Equal(0, segment.Audio.Samples.Span[0]);            // padding comes from the silence before
        Assert.Equal(9, segment.Audio.Samples.Span[2 * Window]);   // then the speech (samples carry probability x 10)
        Assert.False(segment.SplitAtMaxDuration);
    }

    [Fact]
    public void Process_BlipShorterThanMinSpeech_IsIgnored()
    {
        var events = Run([(20, 0.05f), (2, 0.95f), (20, 0.05f)]);

        Assert.Empty(events);
    }

    [Fact]
    public void Process_DipsBetweenThresholdsAndShortPauses_DoNotSplitSpeech()
    {
        var events = Run([(5, 0f), (10, 0.8f), (5, 0.4f), (10, 0.8f), (8, 0.1f), (10, 0.8f), (15, 0f)]);

        var segment = Assert.Single(events, e => e.Kind == VadEventKind.SpeechEnded).Segment!;
        Assert.Equal(Ms(3 * 32), segment.Start);
        Assert.Equal(Ms((5 + 10 + 5 + 10 + 8 + 10 + 2) * 32), segment.End);
    }

    [Fact]
    public void Process_SpeechLongerThanMaximum_IsSplitAndContinues()
    {
        var events = Run([(5, 0f), (100, 0.9f), (15, 0f)]);

        var segments = events.Where(e => e.Kind == VadEventKind.SpeechEnded).Select(e => e.Segment!).ToList();
        Assert.Equal(2, segments.Count);
        Assert.True(segments[0].SplitAtMaxDuration);
        Assert.True(segments[0].Audio.Duration >= TimeSpan.FromSeconds(2));
        Assert.Equal(segments[0].End, segments[1].Start); // contiguous: nothing lost at the cut
        Assert.Equal(Ms((5 + 100 + 2) * 32), segments[1].End);
        Assert.Equal(2, events.Count(e => e.Kind == VadEventKind.SpeechStarted));
    }

    [Fact]
    public void Complete_DuringSpeech_EmitsTheOpenSegment()
    {
        var segmenter = new SpeechSegmenter(Options);
        var events = new List<VadEvent>();
        Feed(segmenter, events, [(5, 0f), (20, 0.9f)]);

        segmenter.Complete(events);

        var segment = Assert.Single(events, e => e.Kind == VadEventKind.SpeechEnded).Segment!;
        Assert.Equal(Ms(25 * 32), segment.End);
    }

    private static List<VadEvent> Run((int Windows, float Probability)[] script)
    {
        var segmenter = new SpeechSegmenter(Options);
        var events = new List<VadEvent>();
        Feed(segmenter, events, script);
        return events;
    }

    private static void Feed(SpeechSegmenter segmenter, List<VadEvent> events, (int Windows, float Probability)[] script)
    {
        foreach (var (windows, probability) in script)
        {
            // Each sample holds its window's probability times ten, so tests can tell which audio went where.
            short[] window = [.. Enumerable.Repeat((short)Math.Round(probability * 10), Window)];
            for (int i = 0; i < windows; i++)
            {
                segmenter.Process(window, probability, events);
            }
        }
    }

    private static TimeSpan Ms(int milliseconds) => TimeSpan.FromMilliseconds(milliseconds);
}
