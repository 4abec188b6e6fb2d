namespace WarmTransfer.ControlApi.Hosting;

/// <summary>
/// Defaults that differ between Development (everything embedded, no accounts) and every other environment (nothing
/// assumed: settings must be given). Kept as one named pair so the difference is visible in one place.
/// </summary>
internal sealed record EnvironmentDefaults(
    string? LiveKitUrl,
    string? LiveKitApiKey,
    string? LiveKitApiSecret,
    string? WorkerApiKey,
    bool DevelopmentAccounts,
    bool SeedAllowsAnonymous)
{
    /// <summary>The embedded dev server (<c>devkey</c>/<c>secret</c>), a known worker key, built-in agent logins, and an open seed API.</summary>
    public static EnvironmentDefaults Development { get; } = new(
        LiveKitUrl: "ws://127.0.0.1:7880",
        LiveKitApiKey: "devkey",
        LiveKitApiSecret: "secret",
        WorkerApiKey: "dev-worker-key",
        DevelopmentAccounts: true,
        SeedAllowsAnonymous: true);

    /// <summary>No credentials of any kind: LIVEKIT_*, WORKER_API_KEY and agent accounts must be configured.</summary>
    public static EnvironmentDefaults Production { get; } = new(
        LiveKitUrl: null,
        LiveKitApiKey: null,
        LiveKitApiSecret: null,
        WorkerApiKey: null,
        DevelopmentAccounts: false,
        SeedAllowsAnonymous: false);

    public static EnvironmentDefaults For(IHostEnvironment environment) =>
        environment.IsDevelopment() ? Development : Production;
}
