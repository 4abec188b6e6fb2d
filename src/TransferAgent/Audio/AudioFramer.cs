namespace WarmTransfer.TransferAgent.Audio;

/// <summary>
/// Cuts a stream of arbitrarily sized PCM chunks into fixed frames (10 ms, 20 ms, or the VAD's 512 samples).
/// Write chunks, then read whole frames while <see cref="TryRead"/> returns true; a partial frame waits for the
/// next chunk, or is padded with silence by <see cref="TryReadFinal"/> at the end of the stream.
/// </summary>
/// <remarks>Not thread-safe. The internal buffer grows to the largest backlog and is then reused.</remarks>
public sealed class AudioFramer
{
    private short[] _buffer;
    private int _start;
    private int _end;

    public AudioFramer(int samplesPerFrame)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(samplesPerFrame, 1);
        SamplesPerFrame = samplesPerFrame;
        _buffer = new short[samplesPerFrame * 4];
    }

    public int SamplesPerFrame { get; }

    /// <summary>Samples written but not yet read.</summary>
    public int Buffered => _end - _start;

    public static AudioFramer ForDuration(int sampleRate, TimeSpan frameDuration)
    {
        int samples = PcmAudio.TimeToSamples(frameDuration, sampleRate);
        if (PcmAudio.SamplesToTime(samples, sampleRate) != frameDuration)
        {
            throw new ArgumentException($"{frameDuration.TotalMilliseconds} ms is not a whole number of samples at {sampleRate} Hz.", nameof(frameDuration));
        }

        return new AudioFramer(samples);
    }

    public void Write(ReadOnlySpan<short> samples)
    {
        if (_end + samples.Length > _buffer.Length)
        {
            int live = Buffered;
            if (live + samples.Length > _buffer.Length)
            {
                var bigger = new short[Math.Max(_buffer.Length * 2, live + samples.Length)];
                _buffer.AsSpan(_start, live).CopyTo(bigger);
                _buffer = bigger;
            }
            else
            {
                _buffer.AsSpan(_start, live).CopyTo(_buffer);
            }

            _start = 0;
            _end = live;
        }

        samples.CopyTo(_buffer.AsSpan(_end));
        _end += samples.Length;
    }

    /// <summary>Copies the next whole frame into <paramref name="frame"/> if one is buffered.</summary>
    public bool TryRead(Span<short> frame)
    {
        CheckFrame(frame);
        if (Buffered < SamplesPerFrame)
        {
            return false;
        }

        _buffer.AsSpan(_start, SamplesPerFrame).CopyTo(frame);
        Advance(SamplesPerFrame);
        return true;
    }

    /// <summary>Like <see cref="TryRead"/>, but a partial last frame is returned padded with silence.</summary>
    public bool TryReadFinal(Span<short> frame)
    {
        if (TryRead(frame))
        {
            return true;
        }

        if (Buffered == 0)
        {
            return false;
        }

        int n = Buffered;
        _buffer.AsSpan(_start, n).CopyTo(frame);
        frame[n..SamplesPerFrame].Clear();
        Advance(n);
        return true;
    }

    public void Clear() => _start = _end = 0;

    private void Advance(int count)
    {
        _start += count;
        if (_start == _end)
        {
            _start = _end = 0;
        }
    }

    private void CheckFrame(Span<short> frame)
    {
        if (frame.Length < SamplesPerFrame)
        {
            throw new ArgumentException($"The frame buffer holds {frame.Length} samples; frames are {SamplesPerFrame}.", nameof(frame));
        }
    }
}
