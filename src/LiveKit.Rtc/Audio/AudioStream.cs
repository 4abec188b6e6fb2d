using LiveKit.Rtc.Internal;
using LiveKit.Rtc.Internal.Ffi;
using LiveKit.Rtc.Internal.Proto;
using Microsoft.Extensions.Logging;

namespace LiveKit.Rtc;

/// <summary>
/// Received PCM of one track, or of whichever track a participant publishes from a source, as an async
/// sequence of <see cref="AudioFrame"/>s at the requested rate and channel count.
/// </summary>
/// <remarks>
/// One reader at a time. Each yielded frame's memory is valid until the enumeration moves on (see
/// <see cref="AudioFrame"/>). The sequence ends when the track or participant goes away or the stream is
/// disposed. The caller owns the stream and disposes it.
/// </remarks>
[System.Diagnostics.CodeAnalysis.SuppressMessage("Naming", "CA1711:Identifiers should not have incorrect suffix",
    Justification = "LiveKit's name for this concept in every SDK; it is a stream of audio frames, not a System.IO.Stream.")]
public sealed class AudioStream : IAsyncEnumerable<AudioFrame>, IAsyncDisposable, IDisposable, IAudioStreamSink
{
    private const long DropWarningInterval = 100;
    private static readonly DynamicLogger s_logger = new("LiveKit.Rtc.AudioStream");
    private readonly FfiClient _client;
    private readonly AudioFrameQueue _queue;
    private readonly FfiHandle _handle;
    private long _delivered;
    private int _enumerating;
    private int _disposed;

    private AudioStream(FfiClient client, OwnedAudioStream owned, AudioStreamOptions options)
    {
        _client = client;
        _queue = new AudioFrameQueue(options.Capacity);
        _handle = new FfiHandle(owned.Handle.Id);
        SampleRate = options.SampleRate;
        NumChannels = options.NumChannels;
        // Frames sent between the core creating the stream and this registration have no receiver and are
        // dropped by the dispatcher: at most the first few milliseconds.
        client.Dispatcher.AddAudioStream(_handle.Id, this);
    }

    public int SampleRate { get; }

    public int NumChannels { get; }

    /// <summary>Frames the core delivered to this stream so far (counted on arrival, before the reader sees them).</summary>
    internal long DeliveredFrames => Interlocked.Read(ref _delivered);

    /// <summary>Frames dropped because the reader did not keep up.</summary>
    public long DroppedFrames => _queue.Dropped;

    /// <summary>Receives the audio of <paramref name="track"/> (remote, or local: a local track's stream carries what its source captures).</summary>
    public static AudioStream FromTrack(Track track, AudioStreamOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(track);
        options ??= new AudioStreamOptions();
        options.Validate();
        if (track.Kind != TrackKind.Audio)
        {
            throw new ArgumentException($"{track} is not an audio track.", nameof(track));
        }
        var client = FfiClient.Instance;
        FfiResponse response;
        using (var lease = track.Handle.Acquire(track))
        {
            var request = new NewAudioStreamRequest
            {
                TrackHandle = lease.Id,
                Type = AudioStreamType.AudioStreamNative,
                SampleRate = (uint)options.SampleRate,
                NumChannels = (uint)options.NumChannels,
            };
            if (options.FrameSize is { } frameSize)
            {
                request.FrameSizeMs = (uint)frameSize.TotalMilliseconds;
            }
            if (options.NativeQueueFrames is { } queued)
            {
                request.QueueSizeFrames = (uint)queued;
            }
            response = client.Request(new FfiRequest { NewAudioStream = request });
        }
        var owned = response.NewAudioStream?.Stream
            ?? throw ThrowHelper.UnexpectedResponse(FfiRequest.MessageOneofCase.NewAudioStream, response.MessageCase.ToString());
        return new AudioStream(client, owned, options);
    }

    /// <summary>
    /// Receives the audio a participant publishes from <paramref name="source"/> (the microphone by default),
    /// following it across unpublish/republish. Ends when the participant leaves.
    /// </summary>
    public static AudioStream FromParticipant(Participant participant, TrackSource source = TrackSource.Microphone, AudioStreamOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(participant);
        options ??= new AudioStreamOptions();
        options.Validate();
        var client = FfiClient.Instance;
        FfiResponse response;
        using (var lease = participant.Handle.Acquire(participant))
        {
            var request = new AudioStreamFromParticipantRequest
            {
                ParticipantHandle = lease.Id,
                Type = AudioStreamType.AudioStreamNative,
                TrackSource = (Internal.Proto.TrackSource)source,
                SampleRate = (uint)options.SampleRate,
                NumChannels = (uint)options.NumChannels,
            };
            if (options.FrameSize is { } frameSize)
            {
                request.FrameSizeMs = (uint)frameSize.TotalMilliseconds;
            }
            if (options.NativeQueueFrames is { } queued)
            {
                request.QueueSizeFrames = (uint)queued;
            }
            response = client.Request(new FfiRequest { AudioStreamFromParticipant = request });
        }
        var owned = response.AudioStreamFromParticipant?.Stream
            ?? throw ThrowHelper.UnexpectedResponse(FfiRequest.MessageOneofCase.AudioStreamFromParticipant, response.MessageCase.ToString());
        return new AudioStream(client, owned, options);
    }

    public IAsyncEnumerator<AudioFrame> GetAsyncEnumerator(CancellationToken cancellationToken = default)
    {
        if (Interlocked.Exchange(ref _enumerating, 1) != 0)
        {
            throw new InvalidOperationException("An AudioStream supports one reader at a time.");
        }
        return new Enumerator(this, cancellationToken);
    }

    /// <summary>Stops receiving: the native stream is released and the enumeration ends after queued frames.</summary>
    public ValueTask DisposeAsync()
    {
        Dispose();
        return ValueTask.CompletedTask;
    }

    public void Dispose()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
        {
            return;
        }
        _client.Dispatcher.RemoveAudioStream(_handle.Id);
        _handle.Dispose();
        _queue.Complete();
        if (Volatile.Read(ref _enumerating) == 0)
        {
            _queue.CompleteAndDrain();
        }
    }

    unsafe void IAudioStreamSink.OnFrame(in AudioStreamEventView frame)
    {
        // Core thread: copy the PCM into a pooled buffer and give the native buffer back at once.
        int count = checked((int)(frame.NumChannels * frame.SamplesPerChannel));
        short[]? buffer = null;
        try
        {
            if (count > 0 && frame.DataPointer != 0)
            {
                buffer = _queue.Rent(count);
                new ReadOnlySpan<short>((void*)frame.DataPointer, count).CopyTo(buffer);
            }
        }
        finally
        {
            FfiClient.DropRaw(frame.FrameHandle);
        }
        if (buffer is null)
        {
            return;
        }
        Interlocked.Increment(ref _delivered);
        _queue.TryWrite(new AudioFrame(buffer, count, (int)frame.SampleRate, (int)frame.NumChannels), out bool dropped);
        if (dropped && _queue.Dropped % DropWarningInterval == 1)
        {
            Log.AudioFramesDropped(s_logger, _handle.Id, _queue.Dropped);
        }
    }

    void IAudioStreamSink.OnEndOfStream() => _queue.Complete();

    private sealed class Enumerator : IAsyncEnumerator<AudioFrame>
    {
        private readonly AudioStream _stream;
        private readonly CancellationToken _cancellationToken;
        private readonly CancellationTokenRegistration _registration;
        private AudioFrame _current;
        private bool _untaken;

        public Enumerator(AudioStream stream, CancellationToken cancellationToken)
        {
            _stream = stream;
            _cancellationToken = cancellationToken;
            if (cancellationToken.CanBeCanceled)
            {
                _registration = cancellationToken.UnsafeRegister(
                    static (state, token) => ((AudioFrameQueue)state!).CancelWait(token), stream._queue);
            }
        }

        /// <summary>The frame of the last successful MoveNextAsync, taken from the queue on first access.</summary>
        public AudioFrame Current
        {
            get
            {
                if (_untaken)
                {
                    _untaken = false;
                    _current = _stream._queue.TakeRead();
                }
                return _current;
            }
        }

        public ValueTask<bool> MoveNextAsync()
        {
            // The previous frame's buffer goes back to the pool: that is the ownership rule of AudioFrame.
            ReleaseCurrent();
            _cancellationToken.ThrowIfCancellationRequested();
            // The queue's own waiter is returned as is (no async state machine): nothing is allocated per frame.
            var read = _stream._queue.ReadAsync();
            _untaken = true;
            // A cancellation that fired before the waiter was registered found nothing to cancel.
            if (!read.IsCompleted && _cancellationToken.IsCancellationRequested)
            {
                _stream._queue.CancelWait(_cancellationToken);
            }
            return read;
        }

        private void ReleaseCurrent()
        {
            if (_untaken)
            {
                _untaken = false;
                _current = _stream._queue.TakeRead();
            }
            _stream._queue.Recycle(_current);
            _current = default;
        }

        public ValueTask DisposeAsync()
        {
            _registration.Dispose();
            ReleaseCurrent();
            Volatile.Write(ref _stream._enumerating, 0);
            if (Volatile.Read(ref _stream._disposed) != 0)
            {
                _stream._queue.CompleteAndDrain();
            }
            return ValueTask.CompletedTask;
        }
    }
}
