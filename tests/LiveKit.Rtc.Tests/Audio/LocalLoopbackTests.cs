using LiveKit.Rtc.Tests.Infrastructure;

namespace LiveKit.Rtc.Tests.Audio;

/// <summary>
/// AudioSource -> LocalAudioTrack -> AudioStream inside the Rust core, no server: NewAudioStream on a local
/// track delivers what its source plays out (a silent frame or two first, and silence whenever the source's
/// queue runs dry, e.g. when this loaded machine stalls the producer).
/// </summary>
public sealed class LocalLoopbackTests
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(60);

    [Fact]
    public async Task CaptureFrameAsync_Sine440IntoLocalTrack_StreamDeliversTheSameFrequency()
    {
        using var source = new AudioSource(48000, 1);
        using var track = LocalAudioTrack.Create("tone", source);
        await using var stream = AudioStream.FromTrack(track, new AudioStreamOptions { SampleRate = 48000, NumChannels = 1, Capacity = 1000 });

        var frames = await Loopback.RunAsync(source, stream, frequency: 440, seconds: 1.5, wantedToneFrames: 60, Timeout);

        Assert.All(frames, f => Assert.Equal((48000, 1, 480), (f.SampleRate, f.NumChannels, f.SamplesPerChannel)));
        var tone = Loopback.ToneFrames(frames);
        Assert.True(tone.Count >= 60, $"only {tone.Count} frames carried the tone");
        Assert.InRange(Loopback.MedianFrequency(tone, 48000), 438, 442);
        Loopback.AssertDominant(tone, 48000, 440);
    }

    [Fact]
    public async Task FromTrack_16kMonoFrom48kSource_ResamplesAndKeepsTheFrequency()
    {
        using var source = new AudioSource(48000, 1);
        using var track = LocalAudioTrack.Create("tone", source);
        await using var stream = AudioStream.FromTrack(track, new AudioStreamOptions
        {
            SampleRate = 16000,
            NumChannels = 1,
            FrameSize = TimeSpan.FromMilliseconds(100),
            Capacity = 1000,
        });

        var frames = await Loopback.RunAsync(source, stream, frequency: 440, seconds: 1.5, wantedToneFrames: 6, Timeout);

        Assert.All(frames, f => Assert.Equal((16000, 1, 1600), (f.SampleRate, f.NumChannels, f.SamplesPerChannel)));
        var tone = Loopback.ToneFrames(frames);
        Assert.True(tone.Count >= 6, $"only {tone.Count} frames carried the tone");
        Assert.InRange(Loopback.MedianFrequency(tone, 16000), 437, 443);
        Loopback.AssertDominant(tone, 16000, 440);
    }

    [Fact]
    public async Task FromTrack_StereoOutputFromMonoSource_BothChannelsCarryTheTone()
    {
        using var source = new AudioSource(48000, 1);
        using var track = LocalAudioTrack.Create("tone", source);
        await using var stream = AudioStream.FromTrack(track, new AudioStreamOptions { SampleRate = 24000, NumChannels = 2, Capacity = 1000 });

        var frames = await Loopback.RunAsync(source, stream, frequency: 1000, seconds: 1, wantedToneFrames: 30, Timeout);

        var tone = Loopback.ToneFrames(frames);
        Assert.True(tone.Count >= 30);
        Assert.All(tone, f => Assert.Equal((24000, 2), (f.SampleRate, f.NumChannels)));
        var left = tone.Select(f => Loopback.Channel(f, 0)).ToList();
        var right = tone.Select(f => Loopback.Channel(f, 1)).ToList();
        Assert.InRange(Loopback.Median(left.Select(s => Signal.ZeroCrossingFrequency(s, 24000))), 995, 1005);
        Assert.InRange(Loopback.Median(right.Select(s => Signal.ZeroCrossingFrequency(s, 24000))), 995, 1005);
    }
}
