using LiveKit.Rtc.Tests.Infrastructure;

namespace LiveKit.Rtc.Tests.Audio;

public sealed class AudioSourceTests
{
    [Fact]
    public async Task CaptureFrameAsync_ShortQueue_WaitsForPlayout()
    {
        // Back-pressure without clocks: with 100 ms (10 frames) of queue, capture k can only complete once
        // about k - 10 frames have been played out, and the local stream counts what was played out as it
        // arrives (on the core's thread, so a slow reader does not skew the count).
        using var source = new AudioSource(48000, 1, TimeSpan.FromMilliseconds(100));
        using var track = LocalAudioTrack.Create("paced", source);
        await using var stream = AudioStream.FromTrack(track, new AudioStreamOptions { Capacity = 1000, NativeQueueFrames = 10 });
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(60));

        var ahead = new List<long>();
        for (int i = 0; i < 60; i++)
        {
            await source.CaptureFrameAsync(Signal.Sine(440, 48000, 480, startSample: i * 480L), cts.Token);
            ahead.Add(i + 1 - stream.DeliveredFrames);
        }

        // Captured-but-not-delivered never exceeds the source's queue (10 frames) plus the stream's queue inside
        // the core (10 frames, when its task lags on a loaded machine) plus a few in flight. Without pacing, all
        // 60 captures would complete at once.
        Assert.True(ahead.Max() <= 10 + 10 + 5, $"captures ran ahead of playout by up to {ahead.Max()} frames");
    }

    [Fact]
    public async Task CaptureFrameAsync_WhileAnotherIsRunning_ThrowsInvalidOperation()
    {
        using var source = new AudioSource(48000, 1, TimeSpan.FromMilliseconds(10));
        var frame = new short[480];
        // Fill the tiny queue so the next capture waits for playout.
        await source.CaptureFrameAsync(frame);
        var first = source.CaptureFrameAsync(frame);
        var second = source.CaptureFrameAsync(frame);
        var third = source.CaptureFrameAsync(frame);

        // At least one of the overlapping calls found another still running.
        var results = await Task.WhenAll(new[] { first, second, third }.Select(async t =>
        {
            try
            {
                await t;
                return null;
            }
            catch (InvalidOperationException ex)
            {
                return ex;
            }
        }));
        Assert.Contains(results, r => r is not null);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(3)]
    public async Task CaptureFrameAsync_BadLength_ThrowsArgumentException(int length)
    {
        using var source = new AudioSource(48000, 2);

        await Assert.ThrowsAsync<ArgumentException>(() => source.CaptureFrameAsync(new short[length]));
    }

    [Theory]
    [InlineData(7999, 1)]
    [InlineData(48000, 0)]
    [InlineData(48000, 9)]
    public void Constructor_OutOfRange_ThrowsArgumentOutOfRange(int rate, int channels)
        => Assert.Throws<ArgumentOutOfRangeException>(() => new AudioSource(rate, channels));

    [Fact]
    public async Task CaptureFrameAsync_AfterDispose_ThrowsObjectDisposed()
    {
        var source = new AudioSource(48000, 1);
        source.Dispose();

        await Assert.ThrowsAsync<ObjectDisposedException>(() => source.CaptureFrameAsync(new short[480]));
    }

    [Fact]
    public async Task ClearQueue_WithASecondBuffered_DiscardsWhatWasNotPlayedYet()
    {
        using var source = new AudioSource(48000, 1, TimeSpan.FromSeconds(2));
        using var track = LocalAudioTrack.Create("cleared", source);
        await using var stream = AudioStream.FromTrack(track, new AudioStreamOptions { Capacity = 2000, NativeQueueFrames = 10 });
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        for (int i = 0; i < 150; i++)
        {
            await source.CaptureFrameAsync(Signal.Sine(440, 48000, 480, startSample: i * 480L), cts.Token);
        }
        long deliveredAtClear = stream.DeliveredFrames;

        source.ClearQueue();

        int loud = 0, silentRun = 0;
        await foreach (var frame in stream.WithCancellation(cts.Token))
        {
            if (Signal.Rms(frame.Data.Span) > 1000)
            {
                loud++;
                silentRun = 0;
            }
            else if (++silentRun == (loud > 0 ? 30 : 100))
            {
                // 300 ms of silence after the tone, or 1 s with none at all (cleared before the core played any).
                break;
            }
        }
        // 150 frames were queued. Only those already played out (plus a few in flight inside the core) arrive.
        Assert.True(deliveredAtClear < 100, $"the producer was too slow to leave audio to clear ({deliveredAtClear} frames already played)");
        Assert.InRange(loud, deliveredAtClear > 0 ? 1 : 0, deliveredAtClear + 12);
    }
}
