using System.Globalization;
using System.Runtime.InteropServices;
using WarmTransfer.TransferAgent.Resilience;

namespace WarmTransfer.TransferAgent.Providers.Offline.PocketSphinx;

/// <summary>One native decoder: decodes a whole utterance of 16 kHz 16-bit mono PCM at a time. Not thread-safe.</summary>
internal sealed unsafe class PocketSphinxDecoder : IDisposable
{
    private static readonly Lock GlobalInit = new();
    private static bool s_loggingDisabled;

    private readonly PocketSphinxConfigHandle _config;
    private readonly PocketSphinxDecoderHandle _decoder;

    public PocketSphinxDecoder(PocketSphinxOptions options)
    {
        string dir = options.ModelDirectory;
        string[] arguments =
        [
            "-hmm", Path.Combine(dir, "en-us"),
            "-lm", Path.Combine(dir, "en-us.lm.bin"),
            "-dict", Path.Combine(dir, "cmudict-en-us.dict"),
            "-samprate", "16000",
            "-lw", options.LanguageWeight.ToString(CultureInfo.InvariantCulture),
        ];
        foreach (string path in new[] { arguments[1], arguments[3], arguments[5] })
        {
            if (!Path.Exists(path))
            {
                throw new EngineException(
                    $"The pocketsphinx model is incomplete: {path} is missing (Stt:PocketSphinx:ModelDirectory is '{dir}'; Debian package pocketsphinx-en-us).",
                    EngineErrorKind.NotInstalled,
                    PocketSphinxSpeechToTextClient.ProviderName);
            }
        }

        try
        {
            lock (GlobalInit)
            {
                if (!s_loggingDisabled)
                {
                    PocketSphinxNative.SetLogFile(IntPtr.Zero); // sphinx logs hundreds of lines per decoder to stderr otherwise
                    s_loggingDisabled = true;
                }

                _config = PocketSphinxConfigHandle.Parse(arguments);
            }
        }
        catch (Exception ex) when (ex is DllNotFoundException or EntryPointNotFoundException)
        {
            throw new EngineException(
                $"pocketsphinx is not installed ({PocketSphinxNative.Library} not found); install Debian packages libpocketsphinx3 and pocketsphinx-en-us (./scripts/setup.sh does).",
                EngineErrorKind.NotInstalled,
                PocketSphinxSpeechToTextClient.ProviderName,
                innerException: ex);
        }

        if (_config.IsInvalid)
        {
            _config.Dispose();
            throw new EngineException("pocketsphinx rejected its configuration.", EngineErrorKind.NativeFailure, PocketSphinxSpeechToTextClient.ProviderName);
        }

        _decoder = PocketSphinxNative.Init(_config.DangerousGetHandle());
        if (_decoder.IsInvalid)
        {
            _decoder.Dispose();
            _config.Dispose();
            throw new EngineException($"pocketsphinx could not load the model in '{dir}'.", EngineErrorKind.NativeFailure, PocketSphinxSpeechToTextClient.ProviderName);
        }

        _decoder.HoldConfiguration(_config);
    }

    /// <summary>Decodes one utterance; returns the best hypothesis in lower case ("" when nothing was recognised).</summary>
    public string Decode(ReadOnlySpan<short> samples16k)
    {
        Check(PocketSphinxNative.StartUtterance(_decoder), "ps_start_utt");
        fixed (short* data = samples16k)
        {
            // Whole utterance in one call with full_utt=1: cepstral mean normalisation then uses the whole segment.
            Check(PocketSphinxNative.ProcessRaw(_decoder, data, (nuint)samples16k.Length, 0, 1), "ps_process_raw");
        }

        Check(PocketSphinxNative.EndUtterance(_decoder), "ps_end_utt");
        var hypothesis = PocketSphinxNative.GetHypothesis(_decoder, out _);
        return hypothesis == IntPtr.Zero ? "" : Marshal.PtrToStringUTF8(hypothesis) ?? "";
    }

    public void Dispose()
    {
        _decoder.Dispose();
        _config.Dispose(); // freed once the decoder has released its reference
    }

    private static void Check(int result, string function)
    {
        if (result < 0)
        {
            throw new EngineException($"pocketsphinx {function} failed ({result}).", EngineErrorKind.NativeFailure, PocketSphinxSpeechToTextClient.ProviderName);
        }
    }
}
