using System.Runtime.InteropServices;

namespace WarmTransfer.TransferAgent.Providers.Offline.PocketSphinx;

/// <summary>
/// P/Invoke into Debian's libpocketsphinx3 / libsphinxbase3 (pocketsphinx 5prealpha). Configuration is parsed with
/// <c>cmd_ln_parse_r(NULL, ps_args(), argc, argv, 1)</c> (not the variadic <c>cmd_ln_init</c>, which cannot be
/// called portably from .NET). A decoder is single-threaded: one per concurrent utterance, see <see cref="PocketSphinxDecoderPool"/>.
/// </summary>
internal static unsafe partial class PocketSphinxNative
{
    public const string Library = "libpocketsphinx.so.3";
    public const string BaseLibrary = "libsphinxbase.so.3";

    [LibraryImport(Library, EntryPoint = "ps_args")]
    public static partial IntPtr Args();

    [LibraryImport(BaseLibrary, EntryPoint = "cmd_ln_parse_r")]
    public static partial IntPtr ParseCommandLine(IntPtr existing, IntPtr definitions, int argc, IntPtr* argv, int strict);

    [LibraryImport(BaseLibrary, EntryPoint = "cmd_ln_free_r")]
    public static partial int FreeCommandLine(IntPtr config);

    /// <summary>Disables sphinx's own logging to stderr (process-wide); pass NULL.</summary>
    [LibraryImport(BaseLibrary, EntryPoint = "err_set_logfp")]
    public static partial IntPtr SetLogFile(IntPtr stream);

    /// <summary>Creates a decoder; it takes its own reference on the configuration.</summary>
    [LibraryImport(Library, EntryPoint = "ps_init")]
    public static partial PocketSphinxDecoderHandle Init(IntPtr config);

    [LibraryImport(Library, EntryPoint = "ps_free")]
    public static partial int Free(IntPtr decoder);

    [LibraryImport(Library, EntryPoint = "ps_start_utt")]
    public static partial int StartUtterance(PocketSphinxDecoderHandle decoder);

    [LibraryImport(Library, EntryPoint = "ps_process_raw")]
    public static partial int ProcessRaw(PocketSphinxDecoderHandle decoder, short* data, nuint samples, int noSearch, int fullUtterance);

    [LibraryImport(Library, EntryPoint = "ps_end_utt")]
    public static partial int EndUtterance(PocketSphinxDecoderHandle decoder);

    /// <summary>The best hypothesis, owned by the decoder (valid until its next call), or NULL.</summary>
    [LibraryImport(Library, EntryPoint = "ps_get_hyp")]
    public static partial IntPtr GetHypothesis(PocketSphinxDecoderHandle decoder, out int bestScore);
}
