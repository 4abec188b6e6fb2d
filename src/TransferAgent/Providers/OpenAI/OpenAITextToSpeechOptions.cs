using System.ComponentModel.DataAnnotations;

namespace WarmTransfer.TransferAgent.Providers.OpenAI;

/// <summary>Section <c>Tts:OpenAI</c>: OpenAI speech (<c>/v1/audio/speech</c>) or a compatible server.</summary>
public sealed class OpenAITextToSpeechOptions : OpenAIEndpointOptions
{
    /// <summary>OpenAI's "pcm" is 24 kHz 16-bit little-endian mono.</summary>
    public const int PcmSampleRate = 24000;

    public OpenAITextToSpeechOptions() => Model = "gpt-4o-mini-tts";

    [Required]
    public string Voice { get; set; } = "alloy";

    /// <summary><c>pcm</c> (raw, 24 kHz) or <c>wav</c>; both are decoded without a codec.</summary>
    [RegularExpression("^(pcm|wav)$", ErrorMessage = "Tts:OpenAI:ResponseFormat must be pcm or wav.")]
    public string ResponseFormat { get; set; } = "pcm";

    [Range(0.25, 4.0)]
    public double Speed { get; set; } = 1.0;
}
