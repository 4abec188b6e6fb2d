using System.Collections.Concurrent;
using System.Globalization;
using System.Runtime.InteropServices;
using System.Text;
using WarmTransfer.TransferAgent.Audio;
using WarmTransfer.TransferAgent.Resilience;

namespace WarmTransfer.TransferAgent.Providers.Offline.Flite;

/// <summary>
/// flite 2.2 through P/Invoke: text in, 16-bit mono PCM out (16 kHz for slt/kal16/awb/rms, 8 kHz for kal).
/// Every native call runs under one process-wide lock because flite is not thread-safe (voice registration and
/// feature tables are global); synthesis is fast (about 60x real time for slt), so serialising costs little.
/// Voices are registered once per process and never unregistered.
/// </summary>
public sealed class FliteSynthesizer
{
    public const string ProviderName = "flite";

    private static readonly Lock NativeLock = new();
    private static readonly ConcurrentDictionary<string, IntPtr> Voices = new(StringComparer.Ordinal);
    private static bool s_initialised;

    /// <summary>Seed of libc's generator before each synthesis (see <see cref="FliteNative.SeedRandom"/>).</summary>
    internal static uint Seed { get; set; } = 1;

    private readonly IntPtr _voice;

    public FliteSynthesizer(FliteOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        Options = options;
        _voice = RegisterVoice(options.Voice);
    }

    public FliteOptions Options { get; }

    /// <summary>Synthesises <paramref name="text"/> (blocking; about 15 ms per second of speech).</summary>
    public PcmAudio Synthesize(string text, double? speed = null)
    {
        ArgumentNullException.ThrowIfNull(text);
        string ascii = ToFliteText(text);
        if (ascii.Length == 0)
        {
            throw new EngineException("There is no speakable text.", EngineErrorKind.UnsupportedInput, ProviderName);
        }

        lock (NativeLock)
        {
            var head = Marshal.PtrToStructure<FliteNative.CstVoiceHead>(_voice);
            FliteNative.FeatSetFloat(head.Features, FliteNative.DurationStretch, (float)(1.0 / (speed ?? Options.Speed)));
            FliteNative.SeedRandom(Seed); // same text, same audio: reproducible briefings and tests
            using var wave = FliteNative.TextToWave(ascii, _voice);
            if (wave.IsInvalid)
            {
                throw new EngineException("flite produced no audio.", EngineErrorKind.NativeFailure, ProviderName);
            }

            var cst = Marshal.PtrToStructure<FliteNative.CstWave>(wave.DangerousGetHandle());
            if (cst.NumSamples < 0 || cst.NumChannels < 1 || cst.SampleRate < 1000 || (cst.NumSamples > 0 && cst.Samples == IntPtr.Zero))
            {
                throw new EngineException("flite returned a malformed wave.", EngineErrorKind.NativeFailure, ProviderName);
            }

            var interleaved = new short[cst.NumSamples * cst.NumChannels];
            Marshal.Copy(cst.Samples, interleaved, 0, interleaved.Length);
            if (cst.NumChannels == 1)
            {
                return new PcmAudio(interleaved, cst.SampleRate);
            }

            var mono = new short[cst.NumSamples];
            PcmSamples.DownmixToMono(interleaved, cst.NumChannels, mono);
            return new PcmAudio(mono, cst.SampleRate);
        }
    }

    /// <summary>flite reads ASCII: fold accents (café -> cafe), drop control and other non-ASCII characters.</summary>
    internal static string ToFliteText(string text)
    {
        var builder = new StringBuilder(text.Length);
        foreach (char c in text.Normalize(NormalizationForm.FormD))
        {
            if (CharUnicodeInfo.GetUnicodeCategory(c) == UnicodeCategory.NonSpacingMark)
            {
                continue;
            }

            builder.Append(c is >= ' ' and < (char)127 ? c : ' ');
        }

        return builder.ToString().Trim();
    }

    private static IntPtr RegisterVoice(string voice)
    {
        return Voices.GetOrAdd(voice, static name =>
        {
            lock (NativeLock)
            {
                string library = $"libflite_cmu_us_{name}.so.1";
                try
                {
                    if (!s_initialised)
                    {
                        _ = FliteNative.Init(); // always 0 in flite 2.2
                        s_initialised = true;
                    }

                    var handle = NativeLibrary.Load(library);
                    var register = NativeLibrary.GetExport(handle, $"register_cmu_us_{name}");
                    IntPtr voicePtr;
                    unsafe
                    {
                        voicePtr = ((delegate* unmanaged<IntPtr, IntPtr>)register)(IntPtr.Zero);
                    }

                    return voicePtr == IntPtr.Zero
                        ? throw new EngineException($"flite could not register voice '{name}'.", EngineErrorKind.NativeFailure, ProviderName)
                        : voicePtr;
                }
                catch (Exception ex) when (ex is DllNotFoundException or EntryPointNotFoundException)
                {
                    throw new EngineException(
                        $"flite voice '{name}' is not installed ({library} or {FliteNative.Library} not found); install Debian package libflite1 (./scripts/setup.sh does).",
                        EngineErrorKind.NotInstalled,
                        ProviderName,
                        innerException: ex);
                }
            }
        });
    }
}
