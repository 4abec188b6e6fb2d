using System.ComponentModel.DataAnnotations;

namespace WarmTransfer.TransferAgent.Providers.Azure;

/// <summary>Section <c>Tts:Azure</c>: Azure Speech REST text to speech with SSML and a neural voice.</summary>
public sealed class AzureTextToSpeechOptions : AzureSpeechOptions
{
    [Required]
    public string Voice { get; set; } = "en-US-JennyNeural";

    /// <summary>A raw PCM output format; the sample rate is read from its name.</summary>
    [RegularExpression("^raw-(8|16|22050hz|24|44100hz|48)(khz)?-16bit-mono-pcm$", ErrorMessage = "Tts:Azure:OutputFormat must be a raw 16-bit mono PCM format such as raw-24khz-16bit-mono-pcm.")]
    public string OutputFormat { get; set; } = "raw-24khz-16bit-mono-pcm";

    public Uri Endpoint => ResolveBaseUrl("tts");

    /// <summary>The sample rate encoded in <see cref="OutputFormat"/>.</summary>
    public int SampleRate => OutputFormat.Split('-')[1] switch
    {
        "8khz" => 8000,
        "16khz" => 16000,
        "22050hz" => 22050,
        "24khz" => 24000,
        "44100hz" => 44100,
        "48khz" => 48000,
        _ => 24000,
    };
}
