namespace LiveKit.Rtc;

/// <summary>
/// A chunk of interleaved signed 16-bit PCM (typically 10 ms).
/// </summary>
/// <remarks>
/// Ownership: a frame yielded by <see cref="AudioStream"/> lives in a pooled buffer that is reused as soon as
/// the enumeration moves on (the next <c>MoveNextAsync</c>, or disposing the enumerator). Use
/// <see cref="Data"/> inside the loop body, or copy it (<see cref="ToArray"/>) to keep it.
/// </remarks>
public readonly struct AudioFrame : IEquatable<AudioFrame>
{
    private readonly short[]? _pooled;

    /// <summary>Wraps caller-owned samples (nothing is copied).</summary>
    public AudioFrame(ReadOnlyMemory<short> data, int sampleRate, int numChannels)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(sampleRate);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(numChannels);
        if (data.Length % numChannels != 0)
        {
            throw new ArgumentException($"The sample count {data.Length} is not a multiple of the channel count {numChannels}.", nameof(data));
        }
        Data = data;
        SampleRate = sampleRate;
        NumChannels = numChannels;
        _pooled = null;
    }

    internal AudioFrame(short[] pooled, int length, int sampleRate, int numChannels)
    {
        _pooled = pooled;
        Data = new ReadOnlyMemory<short>(pooled, 0, length);
        SampleRate = sampleRate;
        NumChannels = numChannels;
    }

    /// <summary>Interleaved samples: <see cref="SamplesPerChannel"/> × <see cref="NumChannels"/>.</summary>
    public ReadOnlyMemory<short> Data { get; }

    public int SampleRate { get; }

    public int NumChannels { get; }

    public int SamplesPerChannel => NumChannels == 0 ? 0 : Data.Length / NumChannels;

    public TimeSpan Duration => SampleRate == 0 ? TimeSpan.Zero : TimeSpan.FromTicks(SamplesPerChannel * TimeSpan.TicksPerSecond / SampleRate);

    /// <summary>The pooled array behind a received frame (null for caller-owned frames).</summary>
    internal short[]? PooledBuffer => _pooled;

    /// <summary>Copies the samples into a new array that the caller owns.</summary>
    public short[] ToArray() => Data.ToArray();

    public bool Equals(AudioFrame other) => Data.Equals(other.Data) && SampleRate == other.SampleRate && NumChannels == other.NumChannels;

    public override bool Equals(object? obj) => obj is AudioFrame other && Equals(other);

    public override int GetHashCode() => HashCode.Combine(Data, SampleRate, NumChannels);

    public static bool operator ==(AudioFrame left, AudioFrame right) => left.Equals(right);

    public static bool operator !=(AudioFrame left, AudioFrame right) => !left.Equals(right);
}
