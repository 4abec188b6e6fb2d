using System.Numerics;

namespace WarmTransfer.TransferAgent.Audio;

/// <summary>
/// Streaming rational-ratio resampler for 16-bit mono PCM (polyphase, Kaiser-windowed sinc; see
/// <see cref="PolyphaseFilter"/> for the design). Feed chunks of any size to <see cref="Process"/>: the filter
/// history carries across calls, so chunked output is sample-for-sample the same as one-shot output and there
/// are no discontinuities at chunk boundaries. The filter's delay is compensated: output sample n is the signal at
/// time n / outputRate, and <see cref="Flush"/> drains the tail so a finished stream has exactly
/// ceil(inputLength * outputRate / inputRate) samples.
/// </summary>
/// <remarks>One instance per stream; not thread-safe. Coefficient tables are shared between instances.</remarks>
public sealed class Resampler
{
    private readonly PolyphaseFilter _filter;
    private float[] _buffer;
    private int _count;     // valid samples in _buffer (history + pending input)
    private int _index;     // buffer index of the input sample under the filter's newest tap
    private int _phase;     // 0.._filter.Up-1
    private long _inputTotal;
    private long _outputTotal;

    public Resampler(int inputRate, int outputRate)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(inputRate, 1000);
        ArgumentOutOfRangeException.ThrowIfLessThan(outputRate, 1000);
        InputRate = inputRate;
        OutputRate = outputRate;
        _filter = PolyphaseFilter.For(inputRate, outputRate);
        _buffer = new float[_filter.TapsPerPhase + 4096];
        Reset();
    }

    public int InputRate { get; }

    public int OutputRate { get; }

    /// <summary>The most samples one <see cref="Process"/> call of <paramref name="inputLength"/> samples can produce.</summary>
    public int GetMaxOutputLength(int inputLength) =>
        (int)(((long)(inputLength + _filter.TapsPerPhase) * _filter.Up / _filter.Down) + 2);

    /// <summary>Resamples a chunk; returns the number of samples written to <paramref name="output"/>.</summary>
    public int Process(ReadOnlySpan<short> input, Span<short> output)
    {
        EnsureCapacity(input.Length);
        var pending = _buffer.AsSpan(_count, input.Length);
        PcmSamples.ToFloat(input, pending);
        for (int i = 0; i < pending.Length; i++)
        {
            pending[i] *= PcmSamples.FullScale;
        }

        _count += input.Length;
        _inputTotal += input.Length;
        return Drain(output, long.MaxValue);
    }

    /// <summary>
    /// Ends the stream: emits the remaining delayed samples (the filter's tail) and resets for a new stream.
    /// <paramref name="output"/> must hold <see cref="GetMaxOutputLength"/> of the filter length.
    /// </summary>
    public int Flush(Span<short> output)
    {
        long expected = (long)Math.Ceiling((double)_inputTotal * _filter.Up / _filter.Down);
        int zeros = _filter.TapsPerPhase + (_filter.DelayUpsampled / _filter.Up) + 2;
        EnsureCapacity(zeros);
        _buffer.AsSpan(_count, zeros).Clear();
        _count += zeros;
        int written = Drain(output, expected - _outputTotal);
        Reset();
        return written;
    }

    public void Reset()
    {
        int history = _filter.TapsPerPhase - 1;
        _buffer.AsSpan(0, history).Clear();
        _count = history;
        // Start at the filter's centre so output sample 0 is aligned with input sample 0 (delay compensation).
        _index = history + (_filter.DelayUpsampled / _filter.Up);
        _phase = _filter.DelayUpsampled % _filter.Up;
        _inputTotal = 0;
        _outputTotal = 0;
    }

    /// <summary>Resamples a whole clip in one go.</summary>
    public static short[] Resample(ReadOnlySpan<short> input, int inputRate, int outputRate)
    {
        if (inputRate == outputRate)
        {
            return input.ToArray();
        }

        var resampler = new Resampler(inputRate, outputRate);
        var output = new short[resampler.GetMaxOutputLength(input.Length) + resampler.GetMaxOutputLength(0)];
        int n = resampler.Process(input, output);
        n += resampler.Flush(output.AsSpan(n));
        return output.AsSpan(0, n).ToArray();
    }

    private int Drain(Span<short> output, long limit)
    {
        int taps = _filter.TapsPerPhase;
        int up = _filter.Up;
        int down = _filter.Down;
        int written = 0;
        while (_index < _count && written < limit)
        {
            if (written >= output.Length)
            {
                throw new ArgumentException($"Output holds {output.Length} samples; size it with GetMaxOutputLength.", nameof(output));
            }

            var window = _buffer.AsSpan(_index - taps + 1, taps);
            output[written++] = PcmSamples.Saturate(Dot(_filter.Phase(_phase), window));
            _phase += down;
            _index += _phase / up;
            _phase %= up;
        }

        _outputTotal += written;

        // Keep only the history the next output needs.
        int keepFrom = Math.Min(_index - (taps - 1), _count);
        if (keepFrom > 0)
        {
            _buffer.AsSpan(keepFrom, _count - keepFrom).CopyTo(_buffer);
            _count -= keepFrom;
            _index -= keepFrom;
        }

        return written;
    }

    private void EnsureCapacity(int extra)
    {
        if (_count + extra > _buffer.Length)
        {
            Array.Resize(ref _buffer, Math.Max(_buffer.Length * 2, _count + extra));
        }
    }

    private static float Dot(ReadOnlySpan<float> a, ReadOnlySpan<float> b)
    {
        int i = 0;
        float sum = 0;
        if (Vector.IsHardwareAccelerated && a.Length >= Vector<float>.Count)
        {
            var acc = Vector<float>.Zero;
            for (; i <= a.Length - Vector<float>.Count; i += Vector<float>.Count)
            {
                acc += new Vector<float>(a[i..]) * new Vector<float>(b[i..]);
            }

            sum = Vector.Sum(acc);
        }

        for (; i < a.Length; i++)
        {
            sum += a[i] * b[i];
        }

        return sum;
    }
}
