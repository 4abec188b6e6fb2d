using System.ComponentModel.DataAnnotations;
using Microsoft.Extensions.Options;
using WarmTransfer.TransferAgent.Providers.Azure;
using WarmTransfer.TransferAgent.Providers.OpenAI;
using WarmTransfer.TransferAgent.Providers.Offline.PocketSphinx;
using WarmTransfer.TransferAgent.Resilience;

namespace WarmTransfer.TransferAgent.Configuration;

/// <summary>Section <c>Stt</c>: speech-to-text providers in fallback order and each provider's settings.</summary>
public sealed class SpeechToTextEngineOptions : IValidatableObject
{
    public const string Section = "Stt";

    /// <summary>Fallback order, e.g. ["openai", "pocketsphinx"]; see <see cref="EngineProviderNames.SpeechToText"/>.</summary>
    public IList<string> Providers { get; } = new List<string>();

    /// <summary>ISO 639-1 language of the callers' speech (Whisper's form); Azure uses <c>Stt:Azure:Language</c>.</summary>
    [Required]
    [RegularExpression("^[a-z]{2}$", ErrorMessage = "Stt:Language is a two-letter ISO 639-1 code such as en.")]
    public string Language { get; set; } = "en";

    [ValidateObjectMembers]
    public OpenAISpeechToTextOptions OpenAI { get; set; } = new();

    [ValidateObjectMembers]
    public AzureSpeechToTextOptions Azure { get; set; } = new();

    [ValidateObjectMembers]
    public PocketSphinxOptions PocketSphinx { get; set; } = new();

    [ValidateObjectMembers]
    public EngineResilienceOptions Resilience { get; set; } = new() { AttemptTimeout = TimeSpan.FromSeconds(15) };

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        foreach (var result in ProviderListRules.Check(Section, "speech-to-text", Providers, EngineProviderNames.SpeechToText))
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

        if (Providers.Contains(EngineProviderNames.PocketSphinx) && !Directory.Exists(PocketSphinx.ModelDirectory))
        {
            yield return new ValidationResult(
                $"{Section}:PocketSphinx:ModelDirectory '{PocketSphinx.ModelDirectory}' does not exist; install Debian package pocketsphinx-en-us (./scripts/setup.sh does) or remove 'pocketsphinx' from {Section}:Providers.");
        }
    }
}
