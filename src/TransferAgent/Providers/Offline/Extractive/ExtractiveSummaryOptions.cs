using System.ComponentModel.DataAnnotations;

namespace WarmTransfer.TransferAgent.Providers.Offline.Extractive;

/// <summary>Section <c>Summary:Extractive</c>: the offline summariser.</summary>
public sealed class ExtractiveSummaryOptions
{
    /// <summary>Spoken-word budget; 75 words is about 28 s at a typical synthesis rate (160 words a minute).</summary>
    [Range(30, 200)]
    public int MaxSpokenWords { get; set; } = 75;

    /// <summary>Longest any one quoted sentence may be, in words, before it is shortened.</summary>
    [Range(8, 60)]
    public int MaxSentenceWords { get; set; } = 18;
}
