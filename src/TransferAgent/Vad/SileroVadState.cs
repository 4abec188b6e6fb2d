using Microsoft.ML.OnnxRuntime;

namespace WarmTransfer.TransferAgent.Vad;

/// <summary>
/// One stream's Silero state: the recurrent state tensor and the 64-sample context. Each call to
/// <see cref="Process"/> takes exactly 512 new samples at 16 kHz and returns the speech probability of that 32 ms
/// window. Inputs and outputs are bound to preallocated buffers, so steady-state inference allocates nothing.
/// Not thread-safe (one stream, one reader); the model it came from must outlive it.
/// </summary>
public sealed class SileroVadState : IDisposable
{
    private static readonly string[] InputNames = ["input", "state", "sr"];
    private static readonly string[] OutputNames = ["output", "stateN"];

    private readonly SileroVadModel _model;
    // Tensors are bound to these arrays by address, so they live on the pinned object heap (they never move).
    private readonly float[] _input = GC.AllocateArray<float>(SileroVadModel.ContextSamples + SileroVadModel.WindowSamples, pinned: true);
    private readonly float[] _state = GC.AllocateArray<float>(SileroVadModel.StateLength, pinned: true);
    private readonly float[] _stateOut = GC.AllocateArray<float>(SileroVadModel.StateLength, pinned: true);
    private readonly float[] _probability = GC.AllocateArray<float>(1, pinned: true);
    private readonly long[] _sampleRate = GC.AllocateArray<long>(1, pinned: true);
    private readonly OrtValue[] _inputs;
    private readonly OrtValue[] _outputs;
    private readonly RunOptions _runOptions = new();

    internal SileroVadState(SileroVadModel model)
    {
        _model = model;
        _sampleRate[0] = SileroVadModel.SampleRate;
        _inputs =
        [
            OrtValue.CreateTensorValueFromMemory(_input, [1, _input.Length]),
            OrtValue.CreateTensorValueFromMemory(_state, [2, 1, 128]),
            OrtValue.CreateTensorValueFromMemory(_sampleRate, []),
        ];
        _outputs =
        [
            OrtValue.CreateTensorValueFromMemory(_probability, [1, 1]),
            OrtValue.CreateTensorValueFromMemory(_stateOut, [2, 1, 128]),
        ];
    }

    /// <summary>Speech probability (0..1) of the next 32 ms window.</summary>
    public float Process(ReadOnlySpan<short> window)
    {
        if (window.Length != SileroVadModel.WindowSamples)
        {
            throw new ArgumentException($"Silero VAD takes {SileroVadModel.WindowSamples} samples at 16 kHz per call, not {window.Length}.", nameof(window));
        }

        var input = _input.AsSpan();
        // The last 64 samples of the previous window become this window's context.
        input[^SileroVadModel.ContextSamples..].CopyTo(input);
        var fresh = input[SileroVadModel.ContextSamples..];
        for (int i = 0; i < window.Length; i++)
        {
            fresh[i] = window[i] / 32768f;
        }

        _model.Session.Run(_runOptions, InputNames, _inputs, OutputNames, _outputs);
        _stateOut.AsSpan().CopyTo(_state);
        return _probability[0];
    }

    public void Reset()
    {
        Array.Clear(_input);
        Array.Clear(_state);
    }

    public void Dispose()
    {
        foreach (var value in _inputs)
        {
            value.Dispose();
        }

        foreach (var value in _outputs)
        {
            value.Dispose();
        }

        _runOptions.Dispose();
    }
}
