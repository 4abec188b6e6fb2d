using System.ComponentModel.DataAnnotations;
using Microsoft.Extensions.Options;
using WarmTransfer.TransferAgent.Providers.OpenAI;
using WarmTransfer.TransferAgent.Providers.Offline.Extractive;
using WarmTransfer.TransferAgent.Resilience;
using WarmTransfer.TransferAgent.Summaries;

namespace WarmTransfer.TransferAgent.Configuration;

/// <summary>Section <c>Summary</c>: summary providers in fallback order, the prompt file and the spoken-length budget.</summary>
public sealed class SummaryEngineOptions : IValidatableObject
{
    public const string Section = "Summary";

    /// <summary>Fallback order, e.g. ["openai", "extractive"]; see <see cref="EngineProviderNames.Summary"/>.</summary>
    public IList<string> Providers { get; } = new List<string>();

    /// <summary>The LLM system prompt; relative paths are from the worker's directory. Empty means the shipped prompt.</summary>
    public string? PromptFile { get; set; }

    /// <summary>Longest briefing, in spoken words (75 is under 30 s); longer answers are cut at a sentence boundary.</summary>
    [Range(30, 200)]
    public int MaxSpokenWords { get; set; } = 75;

    [ValidateObjectMembers]
    public OpenAIChatOptions OpenAI { get; set; } = new();

    [ValidateObjectMembers]
    public ExtractiveSummaryOptions Extractive { get; set; } = new();

    [ValidateObjectMembers]
    public EngineResilienceOptions Resilience { get; set; } = new() { AttemptTimeout = TimeSpan.FromSeconds(20) };

    public string ResolvedPromptFile => string.IsNullOrWhiteSpace(PromptFile) ? SummaryPrompt.DefaultPath : Path.GetFullPath(PromptFile, AppContext.BaseDirectory);

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        foreach (var result in ProviderListRules.Check(Section, "summary", Providers, EngineProviderNames.Summary))
        {
            yield return result;
        }

        if (Providers.Contains(EngineProviderNames.OpenAI) && OpenAI.UsesPublicOpenAI && string.IsNullOrWhiteSpace(OpenAI.ApiKey))
        {
            yield return new ValidationResult(
                $"{Section}:OpenAI:ApiKey is required when 'openai' is listed in {Section}:Providers (or set {Section}:OpenAI:BaseUrl to an OpenAI-compatible server such as Ollama or vLLM).");
        }

        if (!File.Exists(ResolvedPromptFile))
        {
            yield return new ValidationResult($"{Section}:PromptFile '{ResolvedPromptFile}' does not exist.");
        }
    }
}
