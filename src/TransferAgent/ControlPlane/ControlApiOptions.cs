using System.ComponentModel.DataAnnotations;

namespace WarmTransfer.TransferAgent.ControlPlane;

/// <summary>
/// How the worker reaches the control API (section <c>ControlApi</c>). <see cref="Url"/> falls back to
/// <c>CONTROL_API_URL</c> and <see cref="ApiKey"/> to <c>WORKER_API_KEY</c>; in Development both have local defaults
/// (<see cref="ControlApiOptionsSetup"/>). The key is a secret: it is sent as <c>Authorization: Bearer</c> and never logged.
/// </summary>
public sealed class ControlApiOptions : IValidatableObject
{
    public const string Section = "ControlApi";

    /// <summary>Base address of the control API, e.g. <c>http://127.0.0.1:8080</c>.</summary>
    [Required(ErrorMessage = "ControlApi:Url (CONTROL_API_URL) is required: the control API's base address, e.g. http://127.0.0.1:8080.")]
    public string? Url { get; set; }

    /// <summary><see cref="Url"/> as an absolute URI (valid once the options are validated).</summary>
    public Uri BaseAddress => Uri.TryCreate(Url, UriKind.Absolute, out var uri) ? uri
        : throw new InvalidOperationException("ControlApi:Url (CONTROL_API_URL) is not an absolute address.");

    /// <summary>The worker's bearer key (<c>WORKER_API_KEY</c>).</summary>
    [Required(ErrorMessage = "ControlApi:ApiKey (WORKER_API_KEY) is required: the key the control API accepts from the worker.")]
    public string? ApiKey { get; set; }

    /// <summary>Time-out of one attempt of a request.</summary>
    [Range(typeof(TimeSpan), "00:00:00.100", "00:05:00", ErrorMessage = "ControlApi:AttemptTimeout must be between 100 ms and 5 minutes.")]
    public TimeSpan AttemptTimeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>Retries after a transient failure (connection error, time-out, 408, 429, 5xx); 0 disables retries.</summary>
    [Range(0, 10, ErrorMessage = "ControlApi:MaxRetries must be between 0 and 10.")]
    public int MaxRetries { get; set; } = 3;

    /// <summary>Delay before the first retry; later retries back off exponentially with jitter.</summary>
    [Range(typeof(TimeSpan), "00:00:00", "00:01:00", ErrorMessage = "ControlApi:RetryDelay must be between 0 and 1 minute.")]
    public TimeSpan RetryDelay { get; set; } = TimeSpan.FromMilliseconds(200);

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (Url is not null && (!Uri.TryCreate(Url, UriKind.Absolute, out var uri) || uri.Scheme is not ("http" or "https") || string.IsNullOrEmpty(uri.Host)))
        {
            yield return new ValidationResult(
                $"ControlApi:Url (CONTROL_API_URL) must be an absolute http:// or https:// address; got '{Url}'.", [nameof(Url)]);
        }

        if (ApiKey is not null && (string.IsNullOrWhiteSpace(ApiKey) || ApiKey.Any(char.IsControl)))
        {
            // The value is a secret: the message names the setting, never the value.
            yield return new ValidationResult("ControlApi:ApiKey (WORKER_API_KEY) must be non-blank text without control characters.", [nameof(ApiKey)]);
        }
    }
}
