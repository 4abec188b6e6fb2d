using Microsoft.ML.OnnxRuntime;
using WarmTransfer.TransferAgent.Resilience;

namespace WarmTransfer.TransferAgent.Vad;

/// <summary>
/// Silero VAD v5 (ONNX) loaded once per process. <see cref="InferenceSession.Run(RunOptions, IReadOnlyCollection{string}, IReadOnlyCollection{OrtValue}, IReadOnlyCollection{string}, IReadOnlyCollection{OrtValue})"/>
/// is thread-safe, so every stream shares this session and keeps its own recurrent state in a
/// <see cref="SileroVadState"/>. The session runs single-threaded (one 32 ms window costs about 0.2 ms), which
/// keeps many concurrent streams from oversubscribing the cores.
/// </summary>
public sealed class SileroVadModel : IDisposable
{
    public const int SampleRate = 16000;

    /// <summary>New samples per inference (32 ms at 16 kHz).</summary>
    public const int WindowSamples = 512;

    /// <summary>Samples of the previous window prepended to each input (v5's context).</summary>
    public const int ContextSamples = 64;

    /// <summary>Elements of the recurrent state [2, 1, 128].</summary>
    public const int StateLength = 2 * 1 * 128;

    private SileroVadModel(InferenceSession session, string path)
    {
        Session = session;
        Path = path;
    }

    /// <summary>Where the worker's build puts the model (copied from artifacts/models by the csproj).</summary>
    public static string DefaultPath => System.IO.Path.Combine(AppContext.BaseDirectory, "models", "silero_vad.onnx");

    public string Path { get; }

    internal InferenceSession Session { get; }

    public static SileroVadModel Load(string? path = null)
    {
        path ??= DefaultPath;
        if (!File.Exists(path))
        {
            throw new EngineException(
                $"The Silero VAD model is missing at '{path}' (Vad:ModelPath); run ./scripts/setup.sh, which fetches it to artifacts/models/.",
                EngineErrorKind.NotInstalled,
                "silero");
        }

        using var options = new SessionOptions
        {
            IntraOpNumThreads = 1,
            InterOpNumThreads = 1,
            ExecutionMode = ExecutionMode.ORT_SEQUENTIAL,
            GraphOptimizationLevel = GraphOptimizationLevel.ORT_ENABLE_ALL,
            LogSeverityLevel = OrtLoggingLevel.ORT_LOGGING_LEVEL_ERROR,
        };
        var session = new InferenceSession(path, options);
        foreach (string input in new[] { "input", "state", "sr" })
        {
            if (!session.InputMetadata.ContainsKey(input))
            {
                session.Dispose();
                throw new EngineException($"'{path}' is not Silero VAD v5: it has no '{input}' input.", EngineErrorKind.UnsupportedInput, "silero");
            }
        }

        return new SileroVadModel(session, path);
    }

    /// <summary>A new per-stream state (one per speaker); dispose it when the stream ends.</summary>
    public SileroVadState CreateState() => new(this);

    public void Dispose() => Session.Dispose();
}
