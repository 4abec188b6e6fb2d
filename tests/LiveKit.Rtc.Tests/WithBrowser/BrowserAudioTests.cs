using System.Text.Json;
using LiveKit.Rtc.Tests.Infrastructure;
using LiveKit.Rtc.Tests.WithDevServer;
using Microsoft.Playwright;

namespace LiveKit.Rtc.Tests.WithBrowser;

/// <summary>
/// LiveKit.Rtc and livekit-client (the official browser SDK, in Chromium) in one room on the in-process dev server:
/// each hears the other's tone at the right frequency, measured on what it decoded.
/// </summary>
public sealed class BrowserAudioTests : IAsyncLifetime
{
    private InProcessDevServer _server = null!;
    private ChromiumPage _browser = null!;

    public async Task InitializeAsync()
    {
        _server = await InProcessDevServer.StartAsync();
        _browser = await ChromiumPage.OpenAsync();
    }

    public async Task DisposeAsync()
    {
        await _browser.DisposeAsync();
        await _server.DisposeAsync();
    }

    [Fact]
    public async Task PublishedTone_FromDotNet_BrowserHears440Hz()
    {
        await using var room = new Room();
        await room.ConnectAsync(_server.Url, _server.CreateToken("browser-listens", "dotnet")).WaitAsync(RoomEventLog.Patience);
        Assert.Equal("connected", await _browser.StartAsync(_server.Url, _server.CreateToken("browser-listens", "browser")));
        using var source = new AudioSource(48000, 1);
        using var track = LocalAudioTrack.Create("tone", source);
        await room.LocalParticipant.PublishTrackAsync(track, new TrackPublishOptions { Source = TrackSource.Microphone });

        using var stop = new CancellationTokenSource(TimeSpan.FromSeconds(90));
        var playing = PlayToneAsync(source, 440, stop.Token);
        try
        {
            await _browser.Page.WaitForFunctionAsync("() => window.log.includes('subscribed:dotnet:audio:tone')");
            // Wait for a steady reading: the strongest bin near 440 Hz (bins are 5.9 Hz apart) and well above silence.
            await _browser.Page.WaitForFunctionAsync(
                "() => { const p = window.peak('dotnet'); return p !== null && p.db > -45 && Math.abs(p.hz - 440) < 12; }",
                null,
                new PageWaitForFunctionOptions { PollingInterval = 200, Timeout = 60_000 });
        }
        catch (TimeoutException)
        {
            var last = await _browser.Page.EvaluateAsync<JsonElement?>("() => window.peak('dotnet')");
            Assert.Fail($"the browser never heard 440 Hz; last peak {last}; log: {string.Join(" | ", await _browser.LogAsync())}");
        }
        finally
        {
            await stop.CancelAsync();
            await playing;
        }

        var peak = await _browser.Page.EvaluateAsync<JsonElement>("() => window.peak('dotnet')");
        Assert.InRange(peak.GetProperty("hz").GetDouble(), 428, 452);
    }

    [Fact]
    public async Task PublishedTone_FromBrowser_DotNetStreamHears660Hz()
    {
        await using var room = new Room();
        var events = new RoomEventLog(room);
        await room.ConnectAsync(_server.Url, _server.CreateToken("dotnet-listens", "dotnet")).WaitAsync(RoomEventLog.Patience);
        Assert.Equal("connected", await _browser.StartAsync(_server.Url, _server.CreateToken("dotnet-listens", "browser")));

        Assert.Equal("published", await _browser.Page.EvaluateAsync<string>("() => window.publishTone(660)"));

        var subscribed = await events.WaitAsync<TrackSubscribedEvent>();
        Assert.Equal("browser", subscribed.Participant.Identity);
        await using var stream = AudioStream.FromTrack(subscribed.Track, new AudioStreamOptions { SampleRate = 48000, NumChannels = 1, Capacity = 500 });
        var loud = new List<Loopback.Frame>();
        using var cts = new CancellationTokenSource(RoomEventLog.Patience);
        await foreach (var frame in stream.WithCancellation(cts.Token))
        {
            // The oscillator at gain 0.5 has an RMS of ~11,600; silence and the fade-in stay far below 5,000.
            if (Signal.Rms(frame.Data.Span) > 5000)
            {
                loud.Add(new Loopback.Frame(frame.ToArray(), frame.SampleRate, frame.NumChannels));
                if (loud.Count >= 100)
                {
                    break;
                }
            }
        }

        Assert.Equal(100, loud.Count);
        Assert.InRange(Loopback.MedianFrequency(loud, 48000), 655, 665);
        Loopback.AssertDominant(loud, 48000, 660);
    }

    /// <summary>Captures a continuous sine into <paramref name="source"/> in 10 ms frames until cancelled (paced by the source's queue).</summary>
    private static async Task PlayToneAsync(AudioSource source, double frequency, CancellationToken cancellationToken)
    {
        int chunk = source.SampleRate / 100;
        try
        {
            for (long i = 0; ; i++)
            {
                await source.CaptureFrameAsync(Signal.Sine(frequency, source.SampleRate, chunk, source.NumChannels, i * chunk), cancellationToken);
            }
        }
        catch (OperationCanceledException)
        {
        }
    }
}
