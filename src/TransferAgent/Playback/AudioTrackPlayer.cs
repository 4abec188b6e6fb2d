using LiveKit.Rtc;
using WarmTransfer.TransferAgent.Audio;

namespace WarmTransfer.TransferAgent.Playback;

/// <summary>
/// Plays 16-bit mono PCM into a published LiveKit track: whole clips, a stream of chunks (synthesised speech arriving
/// sentence by sentence) or a clip in a loop (hold music). Audio goes out in 10 ms frames paced in real time by an
/// <see cref="AudioPacer"/> (absolute clock, a few frames of lead); a producer is held back to real time (back-pressure),
/// and the <see cref="AudioSource"/>'s small queue never fills. Every start is faded in and every end faded out, so
/// nothing clicks; <see cref="StopAsync"/> (or cancelling the playback's token) makes the very next frame a fade-out
/// and sends nothing after it, so the track is silent one frame plus the lead after the command.
/// </summary>
/// <remarks>
/// One playback at a time: a second Play call while one runs throws. <see cref="StopAsync"/> and
/// <see cref="DisposeAsync"/> may be called from any thread. The player does not own the sink or the source.
/// </remarks>
public sealed partial class AudioTrackPlayer : IAsyncDisposable
{
    private readonly AudioFrameSink _sink;
    private readonly AudioPacer _pacer;
    private readonly int _fadeSamples;
    private readonly short[] _shaped;
    private readonly CancellationTokenSource _disposed = new();
    private Playback? _current;

    /// <param name="sink">Receives each paced frame (<see cref="AudioFrameSink"/> rules: copy to keep).</param>
    /// <param name="sampleRate">Rate of the sink; clips at other rates are resampled.</param>
    public AudioTrackPlayer(AudioFrameSink sink, int sampleRate, AudioTrackPlayerOptions? options = null, TimeProvider? timeProvider = null)
    {
        ArgumentNullException.ThrowIfNull(sink);
        options ??= new AudioTrackPlayerOptions();
        options.Validate();
        _sink = sink;
        _pacer = new AudioPacer(sampleRate, SendFrameAsync, timeProvider, options.LeadFrames);
        _fadeSamples = Math.Min(PcmAudio.TimeToSamples(options.Fade, sampleRate), _pacer.SamplesPerFrame);
        _shaped = new short[_pacer.SamplesPerFrame];
    }

    public int SampleRate => _pacer.SampleRate;

    /// <summary>Samples per frame (10 ms).</summary>
    public int SamplesPerFrame => _pacer.SamplesPerFrame;

    /// <summary>Frames handed to the sink since construction.</summary>
    public long FramesSent => _pacer.FramesSent;

    public bool IsPlaying => Volatile.Read(ref _current) is not null;

    /// <summary>
    /// A player that captures into <paramref name="source"/> (mono). The source should have a small queue (e.g. 100 ms):
    /// the player paces in real time, so the queue only absorbs jitter, and a stop is not delayed behind queued audio.
    /// </summary>
    public static AudioTrackPlayer ForSource(AudioSource source, AudioTrackPlayerOptions? options = null, TimeProvider? timeProvider = null)
    {
        ArgumentNullException.ThrowIfNull(source);
        if (source.NumChannels != 1)
        {
            throw new ArgumentException($"The player publishes mono; the source has {source.NumChannels} channels.", nameof(source));
        }

        return new AudioTrackPlayer((frame, ct) => new ValueTask(source.CaptureFrameAsync(frame, ct)), source.SampleRate, options, timeProvider);
    }

    /// <summary>Plays <paramref name="clip"/> once. Cancelling <paramref name="cancellationToken"/> fades out within a frame and throws.</summary>
    public Task<PlaybackOutcome> PlayAsync(PcmAudio clip, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(clip);
        var shaped = AudioFades.WithFadedEdges(clip.ResampleTo(SampleRate), PcmAudio.SamplesToTime(_fadeSamples, SampleRate));
        return RunAsync(async playback =>
        {
            await _pacer.WriteAsync(shaped.Samples, _disposed.Token).ConfigureAwait(false);
        }, onChunkStarted: null, cancellationToken);
    }

    /// <summary>
    /// Plays <paramref name="clip"/> over and over (hold music) until <see cref="StopAsync"/> or cancellation; each pass
    /// is faded at its edges so the seam does not click.
    /// </summary>
    public Task<PlaybackOutcome> PlayLoopAsync(PcmAudio clip, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(clip);
        var shaped = AudioFades.WithFadedEdges(clip.ResampleTo(SampleRate), PcmAudio.SamplesToTime(_fadeSamples, SampleRate));
        if (shaped.Length == 0)
        {
            throw new ArgumentException("A loop needs a clip with audio in it.", nameof(clip));
        }

        return RunAsync(async playback =>
        {
            while (true)
            {
                playback.Token.ThrowIfCancellationRequested();
                await _pacer.WriteAsync(shaped.Samples, _disposed.Token).ConfigureAwait(false);
            }
        }, onChunkStarted: null, cancellationToken);
    }

    /// <summary>
    /// Plays chunks as they arrive (e.g. synthesised speech, sentence by sentence), back to back without gaps as long
    /// as each chunk arrives before the previous one has played. <paramref name="onChunkStarted"/> is called with the
    /// chunk's index when its first sample goes out (e.g. to show a sentence as it is spoken); it runs on the playing
    /// thread and must be quick.
    /// </summary>
    public Task<PlaybackOutcome> PlayAsync(IAsyncEnumerable<PcmAudio> chunks, Action<int>? onChunkStarted = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(chunks);
        return RunAsync(playback => WriteChunksAsync(playback, chunks), onChunkStarted, cancellationToken);
    }

    /// <summary>Stops the current playback: the next frame fades out and nothing follows. Completes when the playback has returned.</summary>
    public async Task StopAsync()
    {
        if (Volatile.Read(ref _current) is { } playback)
        {
            playback.RequestStop();
            await playback.Finished.Task.ConfigureAwait(false);
        }
    }

    public async ValueTask DisposeAsync()
    {
        await StopAsync().ConfigureAwait(false);
        await _disposed.CancelAsync().ConfigureAwait(false);
        _disposed.Dispose();
    }

    private async Task WriteChunksAsync(Playback playback, IAsyncEnumerable<PcmAudio> chunks)
    {
        // The last few milliseconds are held back until the next chunk (or the end) so the very end can be faded out.
        var held = new short[_fadeSamples];
        int heldLength = 0;
        int index = 0;
        await foreach (var chunk in chunks.WithCancellation(playback.Token).ConfigureAwait(false))
        {
            var samples = chunk.ResampleTo(SampleRate).Samples;
            if (samples.IsEmpty)
            {
                index++;
                continue;
            }

            playback.MarkChunk(playback.SamplesWritten + heldLength, index++);
            var joined = new short[heldLength + samples.Length];
            held.AsSpan(0, heldLength).CopyTo(joined);
            samples.Span.CopyTo(joined.AsSpan(heldLength));
            int keep = Math.Min(_fadeSamples, joined.Length);
            joined.AsSpan(joined.Length - keep).CopyTo(held);
            heldLength = keep;
            await WriteAsync(playback, joined.AsMemory(0, joined.Length - keep)).ConfigureAwait(false);
        }

        AudioFades.FadeOut(held.AsSpan(0, heldLength), heldLength);
        await WriteAsync(playback, held.AsMemory(0, heldLength)).ConfigureAwait(false);
    }

    private async ValueTask WriteAsync(Playback playback, ReadOnlyMemory<short> samples)
    {
        await _pacer.WriteAsync(samples, _disposed.Token).ConfigureAwait(false);
        playback.SamplesWritten += samples.Length;
    }

    private async Task<PlaybackOutcome> RunAsync(Func<Playback, Task> body, Action<int>? onChunkStarted, CancellationToken cancellationToken)
    {
        ObjectDisposedException.ThrowIf(_disposed.IsCancellationRequested, this);
        var playback = new Playback(onChunkStarted, cancellationToken);
        if (Interlocked.CompareExchange(ref _current, playback, null) is not null)
        {
            playback.Dispose();
            throw new InvalidOperationException("The player is already playing; stop it first (one playback at a time per track).");
        }

        try
        {
            try
            {
                await body(playback).ConfigureAwait(false);
                // The partial last frame, padded with silence (the audio was already faded out).
                await _pacer.FlushAsync(_disposed.Token).ConfigureAwait(false);
                return PlaybackOutcome.Completed;
            }
            catch (OperationCanceledException) when (playback.IsStopping && !_disposed.IsCancellationRequested)
            {
                // Stopped between frames (e.g. while waiting for the next chunk): a partial frame may still be held by the
                // pacer; send it as the fade-out frame (the sink sees the stop and fades it), or drop it if there is none.
                await FlushStoppedAsync().ConfigureAwait(false);
            }

            cancellationToken.ThrowIfCancellationRequested();
            return PlaybackOutcome.Stopped;
        }
        finally
        {
            Volatile.Write(ref _current, null);
            playback.Finished.TrySetResult();
            playback.Dispose();
        }
    }

    private async Task FlushStoppedAsync()
    {
        try
        {
            await _pacer.FlushAsync(_disposed.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            // The sink's fade-out frame ends the playback by cancelling, as intended.
        }
    }

    /// <summary>The pacer's sink: shapes the first frame of a playback (fade-in) and the frame after a stop (fade-out, then cancel).</summary>
    private async ValueTask SendFrameAsync(ReadOnlyMemory<short> frame, CancellationToken cancellationToken)
    {
        var playback = Volatile.Read(ref _current);
        bool stopping = playback?.IsStopping == true;
        bool fadeIn = playback?.FadeInPending == true;
        var send = frame;
        if (stopping || fadeIn)
        {
            var shaped = _shaped.AsSpan(0, frame.Length);
            frame.Span.CopyTo(shaped);
            if (fadeIn)
            {
                AudioFades.FadeIn(shaped, _fadeSamples);
            }

            if (stopping)
            {
                if (_fadeSamples == 0)
                {
                    throw new OperationCanceledException(StopMessage);
                }

                // Ramp down over the start of the frame, silence after it.
                AudioFades.FadeOut(shaped[.._fadeSamples], _fadeSamples);
                shaped[_fadeSamples..].Clear();
            }

            send = _shaped.AsMemory(0, frame.Length);
        }

        await _sink(send, cancellationToken).ConfigureAwait(false);
        if (playback is null)
        {
            return;
        }

        playback.FadeInPending = false;
        playback.SamplesSent += frame.Length;
        playback.NotifyChunkStarts();
        if (stopping)
        {
            throw new OperationCanceledException(StopMessage);
        }
    }

    private const string StopMessage = "The playback was stopped.";

    /// <summary>State of one playback; fields other than the stop request are touched only by the playing flow.</summary>
    private sealed class Playback : IDisposable
    {
        private readonly CancellationTokenSource _stop;
        private readonly Action<int>? _onChunkStarted;
        private readonly Queue<(long Start, int Index)> _chunkStarts = new();

        public Playback(Action<int>? onChunkStarted, CancellationToken cancellationToken)
        {
            _onChunkStarted = onChunkStarted;
            _stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            Token = _stop.Token;
        }

        /// <summary>Cancelled by a stop request or the caller's token.</summary>
        public CancellationToken Token { get; }

        public bool IsStopping => Token.IsCancellationRequested;

        public TaskCompletionSource Finished { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public bool FadeInPending { get; set; } = true;

        /// <summary>Samples handed to the pacer.</summary>
        public long SamplesWritten { get; set; }

        /// <summary>Samples the sink received.</summary>
        public long SamplesSent { get; set; }

        public void RequestStop()
        {
            try
            {
                _stop.Cancel();
            }
            catch (ObjectDisposedException)
            {
                // The playback ended meanwhile.
            }
        }

        public void MarkChunk(long start, int index)
        {
            if (_onChunkStarted is not null)
            {
                _chunkStarts.Enqueue((start, index));
            }
        }

        public void NotifyChunkStarts()
        {
            while (_chunkStarts.TryPeek(out var next) && next.Start < SamplesSent)
            {
                _chunkStarts.Dequeue();
                _onChunkStarted!(next.Index);
            }
        }

        public void Dispose() => _stop.Dispose();
    }
}
