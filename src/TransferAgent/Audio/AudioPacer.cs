namespace WarmTransfer.TransferAgent.Audio;

/// <summary>
/// Turns PCM buffers into 10 ms frames delivered at real-time pace, for publishing synthesised speech and hold
/// audio. Frames are scheduled against an absolute clock (start + n * 10 ms), never by "sleep 10 ms after each
/// send", so scheduling jitter does not accumulate into gaps; a frame that is late is sent at once. Consecutive
/// <see cref="WriteAsync"/> calls continue the same schedule (a partial frame is carried over), so clips play
/// back to back without gaps; after an idle period longer than <see cref="MaxLag"/> the clock restarts
/// instead of bursting. Up to <see cref="LeadFrames"/> frames are sent ahead of real time to absorb jitter.
/// </summary>
/// <remarks>
/// One pacer per published track; calls must not overlap. Cancelling a write stops within one frame: no further
/// frames are sent, and the carried-over partial frame is dropped.
/// </remarks>
public sealed class AudioPacer
{
    public static readonly TimeSpan FrameDuration = TimeSpan.FromMilliseconds(10);

    private readonly AudioFrameSink _sink;
    private readonly TimeProvider _time;
    private readonly AudioFramer _framer;
    private readonly short[] _frame;
    private long _clockStart;
    private long _framesOnClock;
    private bool _clockRunning;

    public AudioPacer(int sampleRate, AudioFrameSink sink, TimeProvider? timeProvider = null, int leadFrames = 2)
    {
        ArgumentNullException.ThrowIfNull(sink);
        ArgumentOutOfRangeException.ThrowIfNegative(leadFrames);
        SampleRate = sampleRate;
        _sink = sink;
        _time = timeProvider ?? TimeProvider.System;
        LeadFrames = leadFrames;
        _framer = AudioFramer.ForDuration(sampleRate, FrameDuration);
        _frame = new short[_framer.SamplesPerFrame];
    }

    public int SampleRate { get; }

    public int SamplesPerFrame => _framer.SamplesPerFrame;

    public int LeadFrames { get; }

    /// <summary>How late the schedule may fall before it restarts rather than catching up.</summary>
    public TimeSpan MaxLag { get; init; } = TimeSpan.FromMilliseconds(200);

    /// <summary>Frames handed to the sink since construction.</summary>
    public long FramesSent { get; private set; }

    /// <summary>Sends every whole 10 ms frame of <paramref name="samples"/> at real-time pace; a partial frame waits for the next write or <see cref="FlushAsync"/>.</summary>
    public async ValueTask WriteAsync(ReadOnlyMemory<short> samples, CancellationToken cancellationToken)
    {
        _framer.Write(samples.Span);
        try
        {
            while (_framer.TryRead(_frame))
            {
                await SendAsync(cancellationToken).ConfigureAwait(false);
            }
        }
        catch (OperationCanceledException)
        {
            _framer.Clear();
            throw;
        }
    }

    /// <summary>Sends the carried-over partial frame, padded with silence.</summary>
    public async ValueTask FlushAsync(CancellationToken cancellationToken)
    {
        try
        {
            if (_framer.TryReadFinal(_frame))
            {
                await SendAsync(cancellationToken).ConfigureAwait(false);
            }
        }
        finally
        {
            _framer.Clear();
        }
    }

    /// <summary>Plays a whole clip (resampled if needed) and flushes.</summary>
    public async ValueTask PlayAsync(PcmAudio audio, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(audio);
        var clip = audio.ResampleTo(SampleRate);
        await WriteAsync(clip.Samples, cancellationToken).ConfigureAwait(false);
        await FlushAsync(cancellationToken).ConfigureAwait(false);
    }

    private async ValueTask SendAsync(CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        long now = _time.GetTimestamp();
        if (!_clockRunning || _time.GetElapsedTime(Due(0), now) > MaxLag)
        {
            _clockStart = now;
            _framesOnClock = 0;
            _clockRunning = true;
        }

        var wait = _time.GetElapsedTime(now, Due(-LeadFrames));
        if (wait > TimeSpan.Zero)
        {
            await Task.Delay(wait, _time, cancellationToken).ConfigureAwait(false);
        }

        await _sink(_frame, cancellationToken).ConfigureAwait(false);
        _framesOnClock++;
        FramesSent++;
    }

    /// <summary>Timestamp at which the next frame (offset by <paramref name="frameOffset"/>) is due.</summary>
    private long Due(long frameOffset) =>
        _clockStart + (long)((_framesOnClock + frameOffset) * FrameDuration.TotalSeconds * _time.TimestampFrequency);
}
