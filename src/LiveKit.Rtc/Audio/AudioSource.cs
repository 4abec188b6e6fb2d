using LiveKit.Rtc.Internal;
using LiveKit.Rtc.Internal.Ffi;
using LiveKit.Rtc.Internal.Proto;

namespace LiveKit.Rtc;

/// <summary>
/// Pushes PCM into a <see cref="LocalAudioTrack"/>. The core buffers up to <see cref="QueueSize"/> of audio
/// and plays it out in real time; <see cref="CaptureFrameAsync"/> completes at once while there is room and
/// waits while the buffer is full, which paces a producer that runs faster than real time. When nothing is
/// captured, the track carries silence.
/// </summary>
public sealed class AudioSource : IDisposable
{
    private readonly FfiClient _client;
    private int _capturing;

    /// <param name="sampleRate">Rate of the PCM passed to <see cref="CaptureFrameAsync"/>, in Hz (8000 to 192000).</param>
    /// <param name="numChannels">Interleaved channels (1 to 8).</param>
    /// <param name="queueSize">
    /// How much audio the core buffers ahead (default 1 s, as LiveKit's SDKs). Smaller means lower latency
    /// and a faster <see cref="ClearQueue"/>; zero means the caller paces frames in real time itself and
    /// must pass 10 ms frames.
    /// </param>
    public AudioSource(int sampleRate, int numChannels, TimeSpan? queueSize = null)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(sampleRate, 8000);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(sampleRate, 192_000);
        ArgumentOutOfRangeException.ThrowIfLessThan(numChannels, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(numChannels, 8);
        var queue = queueSize ?? TimeSpan.FromSeconds(1);
        ArgumentOutOfRangeException.ThrowIfLessThan(queue, TimeSpan.Zero, nameof(queueSize));
        ArgumentOutOfRangeException.ThrowIfGreaterThan(queue, TimeSpan.FromSeconds(60), nameof(queueSize));

        _client = FfiClient.Instance;
        var response = _client.Request(new FfiRequest
        {
            NewAudioSource = new NewAudioSourceRequest
            {
                Type = AudioSourceType.AudioSourceNative,
                SampleRate = (uint)sampleRate,
                NumChannels = (uint)numChannels,
                QueueSizeMs = (uint)queue.TotalMilliseconds,
            },
        });
        var owned = response.NewAudioSource?.Source
            ?? throw ThrowHelper.UnexpectedResponse(FfiRequest.MessageOneofCase.NewAudioSource, response.MessageCase.ToString());
        Handle = new FfiHandle(owned.Handle.Id);
        SampleRate = sampleRate;
        NumChannels = numChannels;
        QueueSize = queue;
    }

    public int SampleRate { get; }

    public int NumChannels { get; }

    public TimeSpan QueueSize { get; }

    internal FfiHandle Handle { get; }

    /// <summary>
    /// Captures interleaved 16-bit PCM at <see cref="SampleRate"/>/<see cref="NumChannels"/> (10 ms chunks are
    /// typical). Completes when the core accepted the samples, which waits while its queue is full. One call at
    /// a time; the memory may be reused as soon as the call returns its task.
    /// </summary>
    public async Task CaptureFrameAsync(ReadOnlyMemory<short> samples, CancellationToken cancellationToken = default)
    {
        if (samples.IsEmpty || samples.Length % NumChannels != 0)
        {
            throw new ArgumentException(
                $"Expected a non-empty multiple of {NumChannels} interleaved samples, got {samples.Length}.", nameof(samples));
        }
        if (Interlocked.Exchange(ref _capturing, 1) != 0)
        {
            throw ThrowHelper.ConcurrentCapture();
        }
        try
        {
            var completion = Send(samples, cancellationToken);
            var callback = (await completion.ConfigureAwait(false)).CaptureAudioFrame;
            if (callback.HasError)
            {
                throw ThrowHelper.OperationFailed("Capturing audio", callback.Error);
            }
        }
        finally
        {
            Volatile.Write(ref _capturing, 0);
        }
    }

    private unsafe Task<FfiEvent> Send(ReadOnlyMemory<short> samples, CancellationToken cancellationToken)
    {
        // The core copies the samples before livekit_ffi_request returns (audio_source.rs capture_frame), so
        // the pin ends with the request, and cancellation never leaves the core reading released memory.
        using var pin = samples.Pin();
        using var lease = Handle.Acquire(this);
        ulong asyncId = _client.NextAsyncId();
        var request = new FfiRequest
        {
            CaptureAudioFrame = new CaptureAudioFrameRequest
            {
                SourceHandle = lease.Id,
                RequestAsyncId = asyncId,
                Buffer = new AudioFrameBufferInfo
                {
                    DataPtr = (ulong)pin.Pointer,
                    NumChannels = (uint)NumChannels,
                    SampleRate = (uint)SampleRate,
                    SamplesPerChannel = (uint)(samples.Length / NumChannels),
                },
            },
        };
        return _client.RequestAsync(request, asyncId, cancellationToken);
    }

    /// <summary>Discards audio captured but not yet played out (e.g. when speech is interrupted).</summary>
    public void ClearQueue()
    {
        using var lease = Handle.Acquire(this);
        _client.Request(new FfiRequest { ClearAudioBuffer = new ClearAudioBufferRequest { SourceHandle = lease.Id } });
    }

    public void Dispose() => Handle.Dispose();
}
