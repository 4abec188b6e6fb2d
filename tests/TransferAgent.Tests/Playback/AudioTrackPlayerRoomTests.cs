using LiveKit.Rtc;
using WarmTransfer.TransferAgent.Playback;
using WarmTransfer.TransferAgent.Tests.TestSupport;
using WarmTransfer.TransferAgent.Tests.TestSupport.Rtc;

namespace WarmTransfer.TransferAgent.Tests.Playback;

/// <summary>
/// The player publishing into a real track: an in-process dev server, the bot's <c>LiveKit.Rtc</c> client publishes,
/// a second client subscribes and records what arrives. Runs in the offline-engines collection so media tests do not
/// compete with each other for the CPU.
/// </summary>
[Collection(OfflineEnginesGroup.Name)]
public sealed class AudioTrackPlayerRoomTests
{
    [Fact]
    public async Task PlayLoopAsync_PublishedTrack_SubscriberHearsToneThenSilenceSoonAfterStop()
    {
        await using var rig = await LiveKitRig.StartAsync();
        await using var bot = await rig.JoinAsync("player-room", "bot");
        await using var listener = await rig.JoinAsync("player-room", "listener");
        var subscribed = new TaskCompletionSource<RemoteTrack>(TaskCreationOptions.RunContinuationsAsynchronously);
        listener.TrackSubscribed += (_, e) => subscribed.TrySetResult(e.Track);

        using var source = new AudioSource(48000, 1, TimeSpan.FromMilliseconds(100));
        using var track = LocalAudioTrack.Create("hold", source);
        await bot.LocalParticipant.PublishTrackAsync(track, new TrackPublishOptions { Dtx = false });
        await using var received = ReceivedAudio.FromTrack(await subscribed.Task.WaitAsync(LiveKitRig.Timeout));
        await using var player = AudioTrackPlayer.ForSource(source);

        var looping = player.PlayLoopAsync(TestTones.Sine(440, TimeSpan.FromMilliseconds(200), 48000));
        await received.WaitUntilAsync(frames => frames.Count(f => ReceivedAudio.IsLoud(f)) >= 50);
        int stopAt = received.FrameCount;
        await player.StopAsync();
        await received.WaitUntilAsync(frames => frames.Count >= stopAt + 100);

        var frames = received.Frames();
        int lastLoud = Enumerable.Range(0, frames.Count).Last(i => ReceivedAudio.IsLoud(frames[i]));
        Assert.Equal(PlaybackOutcome.Stopped, await looping);
        // Measured on the received audio's timeline: 10 ms per frame.
        Assert.True(lastLoud - stopAt <= 20, $"audio continued {(lastLoud - stopAt) * 10} ms after the stop");
        Assert.All(frames.Skip(stopAt + 20), f => Assert.False(ReceivedAudio.IsLoud(f, -50)));
    }
}
