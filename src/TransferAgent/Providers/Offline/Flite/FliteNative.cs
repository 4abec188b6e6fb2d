using System.Runtime.InteropServices;

namespace WarmTransfer.TransferAgent.Providers.Offline.Flite;

/// <summary>
/// P/Invoke into Debian's libflite1 (flite 2.2). Voices live in their own libraries
/// (<c>libflite_cmu_us_slt.so.1</c> exports <c>register_cmu_us_slt</c>) and are bound at run time by <see cref="FliteSynthesizer"/>.
/// None of this is thread-safe: flite keeps global state (voice list, feature tables), so every call is made under
/// <see cref="FliteSynthesizer"/>'s process-wide lock.
/// </summary>
internal static partial class FliteNative
{
    public const string Library = "libflite.so.1";

    [LibraryImport(Library, EntryPoint = "flite_init")]
    public static partial int Init();

    [LibraryImport(Library, EntryPoint = "flite_text_to_wave", StringMarshalling = StringMarshalling.Utf8)]
    public static partial FliteWaveHandle TextToWave(string text, IntPtr voice);

    [LibraryImport(Library, EntryPoint = "delete_wave")]
    public static partial void DeleteWave(IntPtr wave);

    /// <summary>
    /// Native copy of the feature name <c>duration_stretch</c>. flite's feat_set keeps the name pointer it is given
    /// (it expects string literals), so the name must outlive the voice: it is allocated once and never freed.
    /// </summary>
    public static readonly IntPtr DurationStretch = Marshal.StringToHGlobalAnsi("duration_stretch");

    /// <summary>Sets a float feature on a feature set (here the voice's). <paramref name="name"/> must stay valid for the set's lifetime.</summary>
    [LibraryImport(Library, EntryPoint = "flite_feat_set_float")]
    public static partial void FeatSetFloat(IntPtr features, IntPtr name, float value);

    /// <summary>
    /// libc's srand: flite's clustergen voices (slt among them) draw unvoiced excitation from libc rand(), so the same
    /// text gives slightly different audio on every call unless the generator is reseeded before synthesis.
    /// </summary>
    [LibraryImport("libc.so.6", EntryPoint = "srand")]
    public static partial void SeedRandom(uint seed);

    /// <summary>cst_wave (cst_wave.h): the synthesised samples, owned by flite until <c>delete_wave</c>.</summary>
    [StructLayout(LayoutKind.Sequential)]
    public struct CstWave
    {
        public IntPtr Type;
        public int SampleRate;
        public int NumSamples;
        public int NumChannels;
        public IntPtr Samples;
    }

    /// <summary>The head of cst_voice (cst_voice.h): name, then the voice's feature set.</summary>
    [StructLayout(LayoutKind.Sequential)]
    public struct CstVoiceHead
    {
        public IntPtr Name;
        public IntPtr Features;
    }
}
