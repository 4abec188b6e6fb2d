using Microsoft.Extensions.Options;
using WarmTransfer.ControlApi.Hosting;

namespace WarmTransfer.ControlApi.LiveKit;

/// <summary>Binds <see cref="LiveKitOptions"/> from the shared top-level settings, falling back to the environment's defaults.</summary>
internal sealed class LiveKitOptionsSetup(IConfiguration configuration, IHostEnvironment environment) : IConfigureOptions<LiveKitOptions>
{
    public void Configure(LiveKitOptions options)
    {
        var defaults = EnvironmentDefaults.For(environment);
        options.Url = Setting("LIVEKIT_URL") ?? defaults.LiveKitUrl;
        options.PublicUrl = Setting("LIVEKIT_PUBLIC_URL");
        options.ApiKey = Setting("LIVEKIT_API_KEY") ?? defaults.LiveKitApiKey;
        options.ApiSecret = Setting("LIVEKIT_API_SECRET") ?? defaults.LiveKitApiSecret;
        options.AgentName = Setting("AGENT_NAME") ?? options.AgentName;
        if (Setting("LiveKit:RequestTimeout") is { } timeout)
        {
            options.RequestTimeout = TimeSpan.TryParse(timeout, System.Globalization.CultureInfo.InvariantCulture, out var parsed)
                ? parsed
                : TimeSpan.MinValue; // reported by the validator with the setting's name
        }
    }

    private string? Setting(string key) => configuration[key] is { Length: > 0 } value ? value.Trim() : null;
}
