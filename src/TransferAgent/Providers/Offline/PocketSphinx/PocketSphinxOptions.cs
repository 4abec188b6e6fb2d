using System.ComponentModel.DataAnnotations;

namespace WarmTransfer.TransferAgent.Providers.Offline.PocketSphinx;

/// <summary>Section <c>Stt:PocketSphinx</c>: the offline speech-to-text default.</summary>
public sealed class PocketSphinxOptions
{
    /// <summary>Model directory holding <c>en-us/</c> (acoustic model), <c>en-us.lm.bin</c> and <c>cmudict-en-us.dict</c> (Debian pocketsphinx-en-us).</summary>
    [Required]
    public string ModelDirectory { get; set; } = "/usr/share/pocketsphinx/model/en-us";

    /// <summary>
    /// Decoders kept for concurrent utterances. Each costs about 135 MB and 0.5 s to create, so they are pooled rather
    /// than made per call or per speaker; utterances beyond this many wait their turn.
    /// </summary>
    [Range(1, 32)]
    public int MaxDecoders { get; set; } = 2;

    /// <summary>
    /// Language-model weight (pocketsphinx <c>-lw</c>; its own default is 6.5). 5 trusts the acoustics a little more, which
    /// suits clean synthetic or close-microphone speech: on two scripts of flite caller speech (10 synthesis seeds
    /// each) it took the word error rate from 12.4 % to 8.0 % on one and left it at 9.1 % on the other.
    /// </summary>
    [Range(1.0, 20.0)]
    public double LanguageWeight { get; set; } = 5.0;
}
