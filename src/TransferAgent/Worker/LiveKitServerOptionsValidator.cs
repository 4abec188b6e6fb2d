using Microsoft.Extensions.Options;

namespace WarmTransfer.TransferAgent.Worker;

/// <summary>Checks the LiveKit settings; messages name the environment setting to fix, never its secret value.</summary>
public sealed class LiveKitServerOptionsValidator : IValidateOptions<LiveKitServerOptions>
{
    public ValidateOptionsResult Validate(string? name, LiveKitServerOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var failures = new List<string>();
        if (string.IsNullOrWhiteSpace(options.Url))
        {
            failures.Add($"{LiveKitServerOptions.UrlSetting} is required (e.g. ws://127.0.0.1:7880 or wss://example.livekit.cloud).");
        }
        else if (!Uri.TryCreate(options.Url, UriKind.Absolute, out var uri) || uri.Scheme is not ("ws" or "wss" or "http" or "https") || uri.Host.Length == 0)
        {
            failures.Add($"{LiveKitServerOptions.UrlSetting} '{options.Url}' is not a ws://, wss://, http:// or https:// URL with a host.");
        }

        if (string.IsNullOrWhiteSpace(options.ApiKey))
        {
            failures.Add($"{LiveKitServerOptions.ApiKeySetting} is required (the API key the worker signs its token with).");
        }

        if (string.IsNullOrWhiteSpace(options.ApiSecret))
        {
            failures.Add($"{LiveKitServerOptions.ApiSecretSetting} is required (the secret of {LiveKitServerOptions.ApiKeySetting}).");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
