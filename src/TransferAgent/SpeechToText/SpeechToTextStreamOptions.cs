using System.ComponentModel.DataAnnotations;

namespace WarmTransfer.TransferAgent.SpeechToText;

/// <summary>Per-stream settings of a <see cref="SpeechToTextStreamAdapter"/>.</summary>
public sealed class SpeechToTextStreamOptions
{
    /// <summary>Prefix of segment ids; one per speaker stream (e.g. the participant's track sid).</summary>
    [Required]
    public string StreamId { get; set; } = "stream";

    /// <summary>BCP-47 language of the speech, passed to providers that use it.</summary>
    public string? Language { get; set; } = "en";

    /// <summary>
    /// Segments waiting for recognition before <see cref="SpeechToTextStreamAdapter.WriteAsync"/> waits (back-pressure to
    /// the audio reader rather than dropping speech).
    /// </summary>
    [Range(1, 256)]
    public int MaxQueuedSegments { get; set; } = 16;
}
