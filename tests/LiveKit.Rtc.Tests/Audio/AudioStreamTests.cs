using LiveKit.Rtc.Tests.Infrastructure;

namespace LiveKit.Rtc.Tests.Audio;

public sealed class AudioStreamTests
{
    [Fact]
    public async Task Dispose_WhileReading_EndsTheEnumeration()
    {
        using var source = new AudioSource(48000, 1);
        using var track = LocalAudioTrack.Create("t", source);
        var stream = AudioStream.FromTrack(track);
        var firstFrame = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var reader = Task.Run(async () =>
        {
            int n = 0;
            await foreach (var _ in stream)
            {
                n++;
                firstFrame.TrySetResult();
            }
            return n;
        });
        await firstFrame.Task.WaitAsync(TimeSpan.FromSeconds(30));

        await stream.DisposeAsync();

        int frames = await reader.WaitAsync(TimeSpan.FromSeconds(30));
        Assert.True(frames >= 1);
    }

    [Fact]
    public async Task MoveNextAsync_Cancelled_ThrowsOperationCanceled()
    {
        using var source = new AudioSource(48000, 1);
        using var track = LocalAudioTrack.Create("t", source);
        await using var stream = AudioStream.FromTrack(track);
        using var cts = new CancellationTokenSource();
        var reader = Task.Run(async () =>
        {
            await foreach (var _ in stream.WithCancellation(cts.Token))
            {
                cts.Cancel();
            }
        });

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => reader.WaitAsync(TimeSpan.FromSeconds(30)));
    }

    [Fact]
    public async Task GetAsyncEnumerator_SecondReader_Throws()
    {
        using var source = new AudioSource(48000, 1);
        using var track = LocalAudioTrack.Create("t", source);
        await using var stream = AudioStream.FromTrack(track);
        await using var first = stream.GetAsyncEnumerator();

        Assert.Throws<InvalidOperationException>(() => stream.GetAsyncEnumerator());
    }

    [Fact]
    public async Task SlowReader_OldestFramesAreDroppedAndCounted()
    {
        using var source = new AudioSource(48000, 1);
        using var track = LocalAudioTrack.Create("t", source);
        await using var stream = AudioStream.FromTrack(track, new AudioStreamOptions { Capacity = 3 });
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(60));

        // Nobody reads while 50 frames play out (the source sends silence when idle, so frames keep coming).
        while (stream.DroppedFrames < 10)
        {
            await Task.Delay(20, cts.Token);
        }

        int buffered = 0;
        await using var e = stream.GetAsyncEnumerator(cts.Token);
        while (buffered < 3 && await e.MoveNextAsync())
        {
            buffered++;
        }
        Assert.Equal(3, buffered);
        Assert.True(stream.DroppedFrames >= 10);
    }

    [Fact]
    public void FromTrack_InvalidOptions_NameTheSetting()
    {
        using var source = new AudioSource(48000, 1);
        using var track = LocalAudioTrack.Create("t", source);

        var ex = Assert.Throws<ArgumentOutOfRangeException>(() => AudioStream.FromTrack(track, new AudioStreamOptions { SampleRate = 1000 }));
        Assert.Contains("AudioStreamOptions.SampleRate", ex.Message, StringComparison.Ordinal);
        Assert.Throws<ArgumentOutOfRangeException>(() => AudioStream.FromTrack(track, new AudioStreamOptions { FrameSize = TimeSpan.FromMilliseconds(2.5) }));
    }

    [Fact]
    public void FromTrack_DisposedTrack_ThrowsObjectDisposed()
    {
        using var source = new AudioSource(48000, 1);
        var track = LocalAudioTrack.Create("t", source);
        track.Dispose();

        Assert.Throws<ObjectDisposedException>(() => AudioStream.FromTrack(track));
    }
}
