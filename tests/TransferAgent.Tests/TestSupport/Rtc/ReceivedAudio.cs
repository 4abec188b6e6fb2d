using LiveKit.Rtc;
using WarmTransfer.TransferAgent.Audio;

namespace WarmTransfer.TransferAgent.Tests.TestSupport.Rtc;

/// <summary>
/// Records what a subscriber receives from one track: copies of every 10 ms frame at 16 kHz mono, in arrival order.
/// The frame index is the received audio's own timeline (frame n starts n * 10 ms after the first), so durations are
/// measured in audio, not in wall-clock time. When the subscriber's subscription to the same track is renewed (a new
/// track object), <see cref="Follow"/> goes on recording from the new one into the same timeline.
/// </summary>
public sealed class ReceivedAudio : IAsyncDisposable
{
    public const int SampleRate = 16000;
    public const int SamplesPerFrame = SampleRate / 100;

    private readonly List<AudioStream> _streams = [];
    private readonly List<Task> _readers = [];
    private readonly List<short[]> _frames = [];
    private readonly List<(Func<IReadOnlyList<short[]>, bool> Condition, TaskCompletionSource Done)> _waiters = [];
    private readonly Lock _gate = new();
    private readonly CancellationTokenSource _stop = new();
    private TaskCompletionSource _ended = new(TaskCreationOptions.RunContinuationsAsynchronously);

    private ReceivedAudio(Track track) => Follow(track);

    public static ReceivedAudio FromTrack(Track track) => new(track);

    /// <summary>How many track objects (subscriptions) this recording has read from.</summary>
    public int Subscriptions
    {
        get
        {
            lock (_gate)
            {
                return _streams.Count;
            }
        }
    }

    /// <summary>Records from <paramref name="track"/> too: a renewed subscription to the same publication.</summary>
    public void Follow(Track track)
    {
        var stream = AudioStream.FromTrack(track, new AudioStreamOptions { SampleRate = SampleRate, NumChannels = 1, Capacity = 100_000 });
        var ended = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        lock (_gate)
        {
            _streams.Add(stream);
            _ended = ended;
            _readers.Add(Task.Run(() => ReadAsync(stream, ended)));
        }
    }

    public int FrameCount
    {
        get
        {
            lock (_gate)
            {
                return _frames.Count;
            }
        }
    }

    public IReadOnlyList<short[]> Frames()
    {
        lock (_gate)
        {
            return [.. _frames];
        }
    }

    /// <summary>Everything received from frame <paramref name="from"/> on, as one clip.</summary>
    public PcmAudio Clip(int from = 0) => new(Frames().Skip(from).SelectMany(f => f).ToArray(), SampleRate);

    /// <summary>Completes when <paramref name="condition"/> holds for the frames received so far (checked on every frame).</summary>
    public Task WaitUntilAsync(Func<IReadOnlyList<short[]>, bool> condition, TimeSpan? timeout = null)
    {
        var done = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        lock (_gate)
        {
            if (condition(_frames))
            {
                return Task.CompletedTask;
            }

            _waiters.Add((condition, done));
        }

        return done.Task.WaitAsync(timeout ?? LiveKitRig.Timeout);
    }

    /// <summary>Completes when the latest stream ends (the track was unpublished or its participant left).</summary>
    public Task Ended
    {
        get
        {
            lock (_gate)
            {
                return _ended.Task;
            }
        }
    }

    /// <summary>Like <see cref="WaitUntilAsync"/>, but also completes when the stream ends first.</summary>
    public Task WaitUntilOrEndAsync(Func<IReadOnlyList<short[]>, bool> condition, TimeSpan? timeout = null) =>
        Task.WhenAny(WaitUntilAsync(condition, timeout), Ended).Unwrap().WaitAsync(timeout ?? LiveKitRig.Timeout);

    /// <summary>Frames whose RMS level is above <paramref name="dbfs"/> (speech or tone, not silence).</summary>
    public static bool IsLoud(short[] frame, double dbfs = -45) => AudioLevel.Dbfs(frame) > dbfs;

    private async Task ReadAsync(AudioStream stream, TaskCompletionSource ended)
    {
        try
        {
            await foreach (var frame in stream.WithCancellation(_stop.Token))
            {
                var copy = frame.ToArray();
                lock (_gate)
                {
                    _frames.Add(copy);
                    for (int i = _waiters.Count - 1; i >= 0; i--)
                    {
                        if (_waiters[i].Condition(_frames))
                        {
                            _waiters[i].Done.TrySetResult();
                            _waiters.RemoveAt(i);
                        }
                    }
                }
            }
        }
        catch (OperationCanceledException)
        {
            // Disposed.
        }
        finally
        {
            ended.TrySetResult();
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        Task[] readers;
        AudioStream[] streams;
        lock (_gate)
        {
            readers = [.. _readers];
            streams = [.. _streams];
        }

        await Task.WhenAll(readers);
        foreach (var stream in streams)
        {
            await stream.DisposeAsync();
        }

        _stop.Dispose();
    }
}
