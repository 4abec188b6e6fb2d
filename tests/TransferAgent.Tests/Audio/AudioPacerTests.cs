using Microsoft.Extensions.Time.Testing;
using WarmTransfer.TransferAgent.Audio;

namespace WarmTransfer.TransferAgent.Tests.Audio;

public sealed class AudioPacerTests
{
    private static readonly TimeSpan Generous = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task WriteAsync_OneSecond_SendsHundredFramesOnlyAsTimeAdvances()
    {
        var time = new FakeTimeProvider();
        var received = new List<short>();
        var counter = new FrameCounter();
        var pacer = new AudioPacer(48000, (frame, _) =>
        {
            received.AddRange(frame.Span);
            counter.Increment();
            return ValueTask.CompletedTask;
        }, time, leadFrames: 2);
        var input = Enumerable.Range(0, 48000).Select(i => (short)((i * 7) % 20000)).ToArray();

        var playing = pacer.WriteAsync(input, CancellationToken.None).AsTask();

        // The lead frames go at once, then one frame per 10 ms of (fake) time and never early.
        await counter.WaitForAsync(3).WaitAsync(Generous);
        for (int step = 1; step <= 97; step++)
        {
            Assert.Equal(2 + step, counter.Count);
            time.Advance(TimeSpan.FromMilliseconds(10));
            await counter.WaitForAsync(3 + step).WaitAsync(Generous);
        }

        await playing.WaitAsync(Generous);
        Assert.Equal(100, counter.Count);
        Assert.Equal(input, received);
        Assert.Equal(100, pacer.FramesSent);
    }

    [Fact]
    public async Task WriteAsync_BackToBackClipsWithPartialFrames_LeaveNoGap()
    {
        var time = new FakeTimeProvider();
        var received = new List<short>();
        var pacer = new AudioPacer(16000, (frame, _) =>
        {
            received.AddRange(frame.Span);
            return ValueTask.CompletedTask;
        }, time, leadFrames: 10);
        short[] a = [.. Enumerable.Repeat((short)1, 240)]; // 15 ms
        short[] b = [.. Enumerable.Repeat((short)2, 240)]; // 15 ms

        await pacer.WriteAsync(a, CancellationToken.None).AsTask().WaitAsync(Generous);
        await pacer.WriteAsync(b, CancellationToken.None).AsTask().WaitAsync(Generous);
        await pacer.FlushAsync(CancellationToken.None).AsTask().WaitAsync(Generous);

        // 30 ms of audio is exactly three 10 ms frames: the partial frame of the first clip was completed by the second.
        Assert.Equal(480, received.Count);
        Assert.Equal(a.Concat(b), received);
    }

    [Fact]
    public async Task FlushAsync_PartialFrame_IsPaddedToAWholeFrame()
    {
        var frames = new List<short[]>();
        var pacer = new AudioPacer(16000, (frame, _) =>
        {
            frames.Add(frame.ToArray());
            return ValueTask.CompletedTask;
        }, new FakeTimeProvider(), leadFrames: 5);

        await pacer.PlayAsync(new PcmAudio(new short[] { 5, 5, 5 }, 16000), CancellationToken.None).AsTask().WaitAsync(Generous);

        var only = Assert.Single(frames);
        Assert.Equal(160, only.Length);
        Assert.Equal(new short[] { 5, 5, 5, 0 }, only[..4]);
    }

    [Fact]
    public async Task WriteAsync_Cancelled_StopsWithoutFurtherFrames()
    {
        var time = new FakeTimeProvider();
        using var cts = new CancellationTokenSource();
        var counter = new FrameCounter();
        var pacer = new AudioPacer(16000, (_, _) =>
        {
            counter.Increment();
            return ValueTask.CompletedTask;
        }, time, leadFrames: 0);

        var playing = pacer.WriteAsync(new short[16000], cts.Token).AsTask();
        await counter.WaitForAsync(1).WaitAsync(Generous);
        await cts.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => playing.WaitAsync(Generous));
        time.Advance(TimeSpan.FromSeconds(2));
        Assert.Equal(1, counter.Count);
    }

    [Fact]
    public async Task WriteAsync_AfterLongIdle_RestartsTheClockInsteadOfBursting()
    {
        var time = new FakeTimeProvider();
        var counter = new FrameCounter();
        var pacer = new AudioPacer(16000, (_, _) =>
        {
            counter.Increment();
            return ValueTask.CompletedTask;
        }, time, leadFrames: 0);
        var first = pacer.WriteAsync(new short[160], CancellationToken.None).AsTask();
        await first.WaitAsync(Generous);

        time.Advance(TimeSpan.FromSeconds(5)); // idle: the schedule is 5 s behind
        var second = pacer.WriteAsync(new short[480], CancellationToken.None).AsTask();

        await counter.WaitForAsync(2).WaitAsync(Generous);
        Assert.False(second.IsCompleted); // the 2nd and 3rd frames of this clip wait for real time
        time.Advance(TimeSpan.FromMilliseconds(10));
        await counter.WaitForAsync(3).WaitAsync(Generous);
        time.Advance(TimeSpan.FromMilliseconds(10));
        await second.WaitAsync(Generous);
        Assert.Equal(4, counter.Count);
    }

    /// <summary>Counts sink calls and lets a test await a count without sleeping.</summary>
    private sealed class FrameCounter
    {
        private readonly Lock _gate = new();
        private readonly List<(int Count, TaskCompletionSource Done)> _waiters = [];
        private int _count;

        public int Count
        {
            get
            {
                lock (_gate)
                {
                    return _count;
                }
            }
        }

        public void Increment()
        {
            lock (_gate)
            {
                _count++;
                foreach (var w in _waiters.Where(w => w.Count <= _count).ToList())
                {
                    w.Done.TrySetResult();
                    _waiters.Remove(w);
                }
            }
        }

        public Task WaitForAsync(int count)
        {
            lock (_gate)
            {
                if (_count >= count)
                {
                    return Task.CompletedTask;
                }

                var done = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
                _waiters.Add((count, done));
                return done.Task;
            }
        }
    }
}
