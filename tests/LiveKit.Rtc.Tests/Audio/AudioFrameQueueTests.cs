using LiveKit.Rtc.Internal;

namespace LiveKit.Rtc.Tests.Audio;

public sealed class AudioFrameQueueTests
{
    private static AudioFrame Frame(short marker)
    {
        var buffer = new short[480];
        buffer[0] = marker;
        return new AudioFrame(buffer, 480, 48000, 1);
    }

    [Fact]
    public void TryWrite_Full_DropsTheOldest()
    {
        var queue = new AudioFrameQueue(2);

        queue.TryWrite(Frame(1), out bool d1);
        queue.TryWrite(Frame(2), out bool d2);
        queue.TryWrite(Frame(3), out bool d3);

        Assert.Equal((false, false, true), (d1, d2, d3));
        Assert.Equal(1, queue.Dropped);
        Assert.True(queue.TryRead(out var a));
        Assert.True(queue.TryRead(out var b));
        Assert.Equal((short)2, a.Data.Span[0]);
        Assert.Equal((short)3, b.Data.Span[0]);
        Assert.False(queue.TryRead(out _));
    }

    [Fact]
    public async Task ReadAsync_Empty_CompletesWithTheFrameHandedOver()
    {
        var queue = new AudioFrameQueue(4);
        var read = queue.ReadAsync();
        Assert.False(read.IsCompleted);

        _ = Task.Run(() => queue.TryWrite(Frame(7), out _));

        Assert.True(await read.AsTask().WaitAsync(TimeSpan.FromSeconds(10)));
        Assert.Equal((short)7, queue.TakeRead().Data.Span[0]);
        Assert.Equal(0, queue.Count); // handed over, never queued
    }

    [Fact]
    public async Task Complete_DrainsQueuedFramesThenEnds()
    {
        var queue = new AudioFrameQueue(4);
        queue.TryWrite(Frame(1), out _);

        queue.Complete();

        Assert.False(queue.TryWrite(Frame(2), out _));
        Assert.True(await queue.ReadAsync());
        Assert.Equal((short)1, queue.TakeRead().Data.Span[0]);
        Assert.False(await queue.ReadAsync());
    }

    [Fact]
    public async Task CancelWait_PendingWait_ThrowsOperationCanceled()
    {
        var queue = new AudioFrameQueue(4);
        using var cts = new CancellationTokenSource();
        var read = queue.ReadAsync();

        queue.CancelWait(cts.Token);

        await Assert.ThrowsAsync<OperationCanceledException>(() => read.AsTask());
        // The queue stays usable.
        queue.TryWrite(Frame(1), out _);
        Assert.True(await queue.ReadAsync());
    }

    [Fact]
    public void Rent_AfterRecycle_ReusesTheBuffer()
    {
        var queue = new AudioFrameQueue(2);
        var buffer = queue.Rent(480);
        queue.Recycle(new AudioFrame(buffer, 480, 48000, 1));

        Assert.Same(buffer, queue.Rent(480));
        Assert.NotSame(buffer, queue.Rent(480));
    }
}
