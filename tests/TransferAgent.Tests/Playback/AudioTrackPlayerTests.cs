using System.Runtime.CompilerServices;
using WarmTransfer.TransferAgent.Audio;
using WarmTransfer.TransferAgent.Playback;

namespace WarmTransfer.TransferAgent.Tests.Playback;

/// <summary>
/// The player against a capturing sink: frames, fades, stop, loop, chunk streams and back-pressure. Real time is used
/// (clips are short); assertions are on the frames, never on elapsed time.
/// </summary>
public sealed class AudioTrackPlayerTests
{
    private const int Rate = 16000;
    private const int Frame = Rate / 100;

    // 440 Hz at half scale moves at most 16384 * 2 pi * 440 / 16000 ≈ 2831 per sample; a click is a jump well above that.
    private const int SmoothStep = 3000;

    private readonly List<short[]> _sent = [];
    private readonly Lock _gate = new();
    private Action<int>? _onFrame;

    private AudioTrackPlayer Player(AudioTrackPlayerOptions? options = null) => new((frame, _) =>
    {
        int count;
        lock (_gate)
        {
            _sent.Add(frame.ToArray());
            count = _sent.Count;
        }

        _onFrame?.Invoke(count);
        return ValueTask.CompletedTask;
    }, Rate, options);

    private List<short[]> Sent()
    {
        lock (_gate)
        {
            return [.. _sent];
        }
    }

    [Fact]
    public async Task PlayAsync_Clip_WholeFramesFadedInAndOutWithoutClicks()
    {
        await using var player = Player();

        var outcome = await player.PlayAsync(TestTones.Sine(440, TimeSpan.FromMilliseconds(250), Rate));

        var sent = Sent();
        Assert.Equal(PlaybackOutcome.Completed, outcome);
        Assert.Equal(25, sent.Count);
        Assert.All(sent, f => Assert.Equal(Frame, f.Length));
        Assert.InRange(Math.Abs((int)sent[0][0]), 0, 200);
        Assert.InRange(Math.Abs((int)sent[^1][^1]), 0, 200);
        Assert.InRange(TestTones.LargestStep(sent), 1, SmoothStep);
        Assert.False(player.IsPlaying);
    }

    [Fact]
    public async Task StopAsync_MidClip_NextFrameFadesToSilenceAndNothingFollows()
    {
        await using var player = Player();
        var twentyFrames = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        _onFrame = n =>
        {
            if (n == 20)
            {
                twentyFrames.TrySetResult();
            }
        };
        var playing = player.PlayAsync(TestTones.Sine(440, TimeSpan.FromSeconds(10), Rate));
        await twentyFrames.Task.WaitAsync(TimeSpan.FromSeconds(30));

        int before = Sent().Count;
        await player.StopAsync();
        int after = Sent().Count;
        var outcome = await playing;

        var sent = Sent();
        Assert.Equal(PlaybackOutcome.Stopped, outcome);
        Assert.InRange(after - before, 1, 5); // frames already due (lead) at most, then the fade-out frame
        Assert.Equal(after, sent.Count);       // nothing after StopAsync returned
        Assert.InRange(sent[^1][^1], -2, 2); // the fade's last gain is ~1e-4
        Assert.InRange(TestTones.LargestStep(sent), 1, SmoothStep);

        // The next playback starts clean (no stale partial frame) with a fade-in.
        Assert.Equal(PlaybackOutcome.Completed, await player.PlayAsync(TestTones.Sine(440, TimeSpan.FromMilliseconds(50), Rate, phaseSamples: 7)));
        Assert.Equal(after + 5, Sent().Count);
        Assert.InRange(Math.Abs((int)Sent()[after][0]), 0, 200);
    }

    [Fact]
    public async Task PlayAsync_CallerCancels_ThrowsAfterAFadedLastFrame()
    {
        await using var player = Player();
        using var cts = new CancellationTokenSource();
        _onFrame = n =>
        {
            if (n == 10)
            {
                cts.Cancel();
            }
        };

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => player.PlayAsync(TestTones.Sine(440, TimeSpan.FromSeconds(10), Rate), cts.Token));

        var sent = Sent();
        Assert.InRange(sent.Count, 11, 12);
        Assert.InRange(sent[^1][^1], -2, 2); // the fade's last gain is ~1e-4
        Assert.InRange(TestTones.LargestStep(sent), 1, SmoothStep);
    }

    [Fact]
    public async Task PlayLoopAsync_UntilStopped_RepeatsTheClipFrameForFrame()
    {
        await using var player = Player();
        var enough = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        _onFrame = n =>
        {
            if (n == 40)
            {
                enough.TrySetResult();
            }
        };

        var looping = player.PlayLoopAsync(TestTones.Sine(440, TimeSpan.FromMilliseconds(50), Rate));
        await enough.Task.WaitAsync(TimeSpan.FromSeconds(30));
        await player.StopAsync();

        var sent = Sent();
        Assert.Equal(PlaybackOutcome.Stopped, await looping);
        Assert.True(sent.Count >= 40);
        for (int pass = 1; pass < 7; pass++)
        {
            for (int i = 1; i < 5; i++)
            {
                Assert.Equal(sent[i], sent[(pass * 5) + i]);
            }
        }

        Assert.InRange(TestTones.LargestStep(sent), 1, SmoothStep);
    }

    [Fact]
    public async Task PlayAsync_ChunksFasterThanRealTime_HeldBackAndAnnouncedAsTheyStart()
    {
        await using var player = Player();
        var sentAtPull = new List<int>();
        var started = new List<(int Index, int FramesSent)>();

        async IAsyncEnumerable<PcmAudio> Chunks([EnumeratorCancellation] CancellationToken ct = default)
        {
            for (int k = 0; k < 8; k++)
            {
                sentAtPull.Add(Sent().Count);
                await Task.Yield();
                yield return TestTones.Sine(440, TimeSpan.FromMilliseconds(100), Rate, phaseSamples: k * 1600L);
            }
        }

        var outcome = await player.PlayAsync(Chunks(), i => started.Add((i, Sent().Count)));

        var sent = Sent();
        Assert.Equal(PlaybackOutcome.Completed, outcome);
        Assert.Equal(80, sent.Count);
        // Back-pressure: chunk k is only asked for once chunk k-1 has (nearly) gone out.
        for (int k = 2; k < 8; k++)
        {
            Assert.True(sentAtPull[k] >= ((k - 1) * 10) - 1, $"chunk {k} pulled after {sentAtPull[k]} frames");
        }

        Assert.Equal([0, 1, 2, 3, 4, 5, 6, 7], started.Select(s => s.Index));
        Assert.All(started, s => Assert.InRange(s.FramesSent, (s.Index * 10) + 1, (s.Index * 10) + 1));
        // Back to back: no silent frame between the first and the last, and no click at the seams.
        Assert.All(sent.Skip(1).SkipLast(1), f => Assert.True(AudioLevel.Dbfs(f) > -12, "a gap in the middle"));
        Assert.InRange(TestTones.LargestStep(sent), 1, SmoothStep);
    }

    [Fact]
    public async Task PlayAsync_WhilePlaying_Refused()
    {
        await using var player = Player();
        var first = player.PlayLoopAsync(TestTones.Sine(440, TimeSpan.FromMilliseconds(50), Rate));

        await Assert.ThrowsAsync<InvalidOperationException>(() => player.PlayAsync(TestTones.Sine(440, TimeSpan.FromMilliseconds(50), Rate)));
        await player.StopAsync();
        Assert.Equal(PlaybackOutcome.Stopped, await first);
    }
}
