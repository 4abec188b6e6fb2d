using System.ComponentModel.DataAnnotations;

namespace WarmTransfer.TransferAgent.Providers.Azure;

/// <summary>An Azure Speech resource: region and key, or an explicit base URL (a private endpoint, a test server).</summary>
public abstract class AzureSpeechOptions
{
    /// <summary>Azure region of the Speech resource, e.g. <c>westeurope</c>.</summary>
    [RegularExpression("^[a-z0-9]+$", ErrorMessage = "The Azure Speech region is a lower-case name such as westeurope.")]
    public string? Region { get; set; }

    /// <summary>Sent as <c>Ocp-Apim-Subscription-Key</c>. Never logged.</summary>
    public string? ApiKey { get; set; }

    /// <summary>Overrides the regional endpoint (scheme and host, optionally a path prefix).</summary>
    [Url]
    public string? BaseUrl { get; set; }

    /// <summary>BCP-47 language, e.g. <c>en-US</c>.</summary>
    [Required]
    [RegularExpression("^[A-Za-z]{2,3}(-[A-Za-z0-9]{2,8})*$")]
    public string Language { get; set; } = "en-US";

    /// <summary>The regional host for this service, e.g. <c>stt</c> gives https://{region}.stt.speech.microsoft.com.</summary>
    protected Uri ResolveBaseUrl(string service) =>
        !string.IsNullOrWhiteSpace(BaseUrl) ? new Uri(BaseUrl.TrimEnd('/') + "/")
        : !string.IsNullOrWhiteSpace(Region) ? new Uri($"https://{Region}.{service}.speech.microsoft.com/")
        : throw new InvalidOperationException("An Azure Speech region or base URL is required.");
}
