using System.ComponentModel.DataAnnotations;

namespace WarmTransfer.TransferAgent.Providers.OpenAI;

/// <summary>
/// Where an OpenAI or OpenAI-compatible API is and how to call it. <see cref="BaseUrl"/> includes the version path:
/// empty means <c>https://api.openai.com/v1</c>; Azure OpenAI's OpenAI-compatible endpoint is
/// <c>https://{resource}.openai.azure.com/openai/v1/</c>; Ollama is <c>http://host:11434/v1</c>; vLLM is <c>http://host:8000/v1</c>.
/// </summary>
public abstract class OpenAIEndpointOptions
{
    public static readonly Uri DefaultBaseUrl = new("https://api.openai.com/v1");

    [Url]
    public string? BaseUrl { get; set; }

    /// <summary>Sent as a bearer token; required for api.openai.com, optional for a self-hosted server that needs none. Never logged.</summary>
    public string? ApiKey { get; set; }

    [Required]
    public string Model { get; set; } = "";

    /// <summary>True when no base URL is set, i.e. the public OpenAI API, which always needs a key.</summary>
    public bool UsesPublicOpenAI => string.IsNullOrWhiteSpace(BaseUrl);

    public Uri Endpoint => UsesPublicOpenAI ? DefaultBaseUrl : new Uri(BaseUrl!);
}
