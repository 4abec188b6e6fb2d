using System.ComponentModel.DataAnnotations;

namespace WarmTransfer.TransferAgent.Providers.OpenAI;

/// <summary>Section <c>Summary:OpenAI</c>: chat completions on OpenAI, Azure OpenAI (v1 endpoint), Ollama, vLLM...</summary>
public sealed class OpenAIChatOptions : OpenAIEndpointOptions
{
    public OpenAIChatOptions() => Model = "gpt-4o-mini";

    [Range(0.0, 2.0)]
    public double Temperature { get; set; } = 0.2;

    /// <summary>Enough for the ~75 spoken words a briefing may have.</summary>
    [Range(32, 4096)]
    public int MaxOutputTokens { get; set; } = 300;
}
