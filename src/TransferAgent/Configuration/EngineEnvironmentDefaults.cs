using Microsoft.Extensions.Hosting;

namespace WarmTransfer.TransferAgent.Configuration;

/// <summary>
/// Provider lists used when configuration names none, as a named pair: Development runs entirely offline (no account
/// needed); Production uses exactly what is configured, so an unconfigured production worker fails at start-up
/// with a message naming the setting rather than silently running the offline engines.
/// </summary>
public sealed record EngineEnvironmentDefaults(IReadOnlyList<string> SpeechToText, IReadOnlyList<string> TextToSpeech, IReadOnlyList<string> Summary)
{
    public static readonly EngineEnvironmentDefaults Development = new(
        [EngineProviderNames.PocketSphinx],
        [EngineProviderNames.Flite],
        [EngineProviderNames.Extractive]);

    public static readonly EngineEnvironmentDefaults Production = new([], [], []);

    public static EngineEnvironmentDefaults For(IHostEnvironment? environment) =>
        environment?.IsDevelopment() == true ? Development : Production;

    /// <summary>
    /// Completes a bound provider list: a comma-separated value (<c>Stt__Providers=openai,pocketsphinx</c>, handy in
    /// environment variables) is split; an empty list takes the environment's default; names are trimmed and lower-cased.
    /// </summary>
    internal static void Complete(IList<string> providers, string? flatValue, IReadOnlyList<string> defaults)
    {
        var names = providers.Count > 0 ? [.. providers]
            : !string.IsNullOrWhiteSpace(flatValue) ? flatValue.Split([',', ';', ' '], StringSplitOptions.RemoveEmptyEntries)
            : defaults.ToArray();
        providers.Clear();
        foreach (string name in names)
        {
            providers.Add(name.Trim().ToLowerInvariant());
        }
    }
}
