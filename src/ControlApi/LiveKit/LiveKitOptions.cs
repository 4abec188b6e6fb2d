namespace WarmTransfer.ControlApi.LiveKit;

/// <summary>
/// How to reach LiveKit. Bound from the shared settings <c>LIVEKIT_URL</c>, <c>LIVEKIT_PUBLIC_URL</c>,
/// <c>LIVEKIT_API_KEY</c>, <c>LIVEKIT_API_SECRET</c>, <c>AGENT_NAME</c>, and <c>LiveKit:RequestTimeout</c>.
/// </summary>
internal sealed class LiveKitOptions
{
    /// <summary>Server URL (<c>ws(s)://</c> or <c>http(s)://</c>); the Twirp API is called on its http(s) form.</summary>
    public string? Url { get; set; }

    /// <summary>The URL browsers connect to (returned as <c>wsUrl</c>); defaults to <see cref="Url"/>.</summary>
    public string? PublicUrl { get; set; }

    public string? ApiKey { get; set; }

    public string? ApiSecret { get; set; }

    /// <summary>The agent name the TransferAgent worker registers and the control API dispatches.</summary>
    public string AgentName { get; set; } = "warm-transfer";

    /// <summary>Time limit of one LiveKit server call.</summary>
    public TimeSpan RequestTimeout { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary><see cref="PublicUrl"/> if set, otherwise <see cref="Url"/>.</summary>
    public string BrowserUrl => string.IsNullOrWhiteSpace(PublicUrl) ? Url ?? string.Empty : PublicUrl;
}
