using Microsoft.Extensions.Options;

namespace WarmTransfer.ControlApi.LiveKit;

/// <summary>Start-up checks of <see cref="LiveKitOptions"/>; each failure names the setting to fix.</summary>
internal sealed class LiveKitOptionsValidator : IValidateOptions<LiveKitOptions>
{
    public ValidateOptionsResult Validate(string? name, LiveKitOptions options)
    {
        var failures = new List<string>();
        CheckUrl("LIVEKIT_URL", options.Url, required: true, failures);
        CheckUrl("LIVEKIT_PUBLIC_URL", options.PublicUrl, required: false, failures);
        if (string.IsNullOrWhiteSpace(options.ApiKey))
        {
            failures.Add("LIVEKIT_API_KEY is not set: give the API key of the LiveKit server (the dev server uses 'devkey').");
        }

        if (string.IsNullOrWhiteSpace(options.ApiSecret))
        {
            failures.Add("LIVEKIT_API_SECRET is not set: give the API secret that belongs to LIVEKIT_API_KEY.");
        }

        if (string.IsNullOrWhiteSpace(options.AgentName))
        {
            failures.Add("AGENT_NAME is empty: give the agent name the TransferAgent worker registers (default 'warm-transfer').");
        }

        if (options.RequestTimeout <= TimeSpan.Zero || options.RequestTimeout > TimeSpan.FromMinutes(2))
        {
            failures.Add("LiveKit:RequestTimeout must be a time span between 00:00:00.001 and 00:02:00.");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    private static void CheckUrl(string setting, string? value, bool required, List<string> failures)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            if (required)
            {
                failures.Add($"{setting} is not set: give the LiveKit server URL, e.g. ws://127.0.0.1:7880 or wss://example.livekit.cloud.");
            }

            return;
        }

        if (!Uri.TryCreate(value, UriKind.Absolute, out var uri) || uri.Scheme is not ("ws" or "wss" or "http" or "https"))
        {
            failures.Add($"{setting} '{value}' is not a ws://, wss://, http:// or https:// URL.");
        }
    }
}
