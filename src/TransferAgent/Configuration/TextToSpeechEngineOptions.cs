using System.ComponentModel.DataAnnotations;
using Microsoft.Extensions.Options;
using WarmTransfer.TransferAgent.Providers.Azure;
using WarmTransfer.TransferAgent.Providers.OpenAI;
using WarmTransfer.TransferAgent.Providers.Offline.Flite;
using WarmTransfer.TransferAgent.Resilience;

namespace WarmTransfer.TransferAgent.Configuration;

/// <summary>Section <c>Tts</c>: text-to-speech providers in fallback order, each provider's settings, and the output format.</summary>
public sealed class TextToSpeechEngineOptions : IValidatableObject
{
    public const string Section = "Tts";

    /// <summary>Fallback order, e.g. ["azure", "flite"]; see <see cref="EngineProviderNames.TextToSpeech"/>.</summary>
    public IList<string> Providers { get; } = new List<string>();

    /// <summary>Every provider's audio is converted to 16-bit mono PCM at this rate (48 kHz is what LiveKit publishes).</summary>
    [Range(8000, 48000)]
    public int OutputSampleRate { get; set; } = 48000;

    [ValidateObjectMembers]
    public OpenAITextToSpeechOptions OpenAI { get; set; } = new();

    [ValidateObjectMembers]
    public AzureTextToSpeechOptions Azure { get; set; } = new();

    [ValidateObjectMembers]
    public FliteOptions Flite { get; set; } = new();

    [ValidateObjectMembers]
    public EngineResilienceOptions Resilience { get; set; } = new() { AttemptTimeout = TimeSpan.FromSeconds(20) };

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        foreach (var result in ProviderListRules.Check(Section, "text-to-speech", Providers, EngineProviderNames.TextToSpeech))
        {
            yield return result;
        }

        if (Providers.Contains(EngineProviderNames.OpenAI) && OpenAI.UsesPublicOpenAI && string.IsNullOrWhiteSpace(OpenAI.ApiKey))
        {
            yield return new ValidationResult(
                $"{Section}:OpenAI:ApiKey is required when 'openai' is listed in {Section}:Providers (or set {Section}:OpenAI:BaseUrl to an OpenAI-compatible server that needs no key).");
        }

        if (Providers.Contains(EngineProviderNames.Azure))
        {
            if (string.IsNullOrWhiteSpace(Azure.ApiKey))
            {
                yield return ProviderListRules.Required(Section, EngineProviderNames.Azure, "Azure:ApiKey");
            }

            if (string.IsNullOrWhiteSpace(Azure.Region) && string.IsNullOrWhiteSpace(Azure.BaseUrl))
            {
                yield return new ValidationResult(
                    $"{Section}:Azure:Region (or {Section}:Azure:BaseUrl) is required when 'azure' is listed in {Section}:Providers.");
            }
        }
    }
}
