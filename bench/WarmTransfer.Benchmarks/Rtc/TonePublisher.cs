using LiveKit.Rtc;

namespace WarmTransfer.Benchmarks.Rtc;

/// <summary>
/// One Rust-core participant publishing several continuous 440 Hz sines (48 kHz mono), each its own audio track
/// with its own encoder. Several tracks per participant keep the number of connections (and their set-up on a loaded
/// machine) down; for the subscriber, each is one more subscribed stream either way.
/// </summary>
internal sealed class TonePublisher : IAsyncDisposable
{
    private const int SampleRate = 48000;

    // Exactly one second holds 440 whole periods, so the buffer loops without a seam; 10 ms slices, no allocation.
    private static readonly short[] OneSecond = Enumerable.Range(0, SampleRate)
        .Select(i => (short)(Math.Sin(2 * Math.PI * 440 * i / SampleRate) * 0.5 * short.MaxValue))
        .ToArray();

    private readonly Room _room;
    private readonly List<(AudioSource Source, LocalAudioTrack Track)> _tracks = [];
    private readonly CancellationTokenSource _stop = new();
    private readonly List<Task> _capture = [];

    private TonePublisher(Room room) => _room = room;

    public int TrackCount => _tracks.Count;

    public static async Task<TonePublisher> StartAsync(string url, string token, CancellationToken cancellationToken)
    {
        var publisher = new TonePublisher(new Room());
        try
        {
            await publisher._room.ConnectAsync(url, token, new RoomOptions { AutoSubscribe = false }, cancellationToken).ConfigureAwait(false);
            return publisher;
        }
        catch
        {
            await publisher.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    /// <summary>Publishes one more tone track and starts feeding it.</summary>
    public async Task AddToneAsync(CancellationToken cancellationToken)
    {
        var source = new AudioSource(SampleRate, 1);
        var track = LocalAudioTrack.Create($"tone-{_tracks.Count}", source);
        _tracks.Add((source, track));
        await _room.LocalParticipant.PublishTrackAsync(track, new TrackPublishOptions { Source = TrackSource.Unknown }, cancellationToken).ConfigureAwait(false);
        _capture.Add(Task.Run(() => CaptureAsync(source), CancellationToken.None));
    }

    private async Task CaptureAsync(AudioSource source)
    {
        const int chunk = SampleRate / 100;
        try
        {
            for (int offset = 0; ; offset = (offset + chunk) % SampleRate)
            {
                // Paced by the source: it completes as soon as the core's 1 s queue has room, then at real time.
                await source.CaptureFrameAsync(OneSecond.AsMemory(offset, chunk), _stop.Token).ConfigureAwait(false);
            }
        }
        catch (OperationCanceledException)
        {
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync().ConfigureAwait(false);
        await Task.WhenAll(_capture).ConfigureAwait(false);
        await _room.DisposeAsync().ConfigureAwait(false);
        foreach (var (source, track) in _tracks)
        {
            track.Dispose();
            source.Dispose();
        }

        _stop.Dispose();
    }
}
