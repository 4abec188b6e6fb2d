namespace WarmTransfer.TransferAgent.Worker;

/// <summary>
/// The LiveKit server the worker registers with: <c>LIVEKIT_URL</c>, <c>LIVEKIT_API_KEY</c>, <c>LIVEKIT_API_SECRET</c>.
/// Development defaults to the local dev server (<see cref="Development"/>); production has no defaults for the
/// credentials and fails at start-up naming the missing setting.
/// </summary>
public sealed class LiveKitServerOptions
{
    public const string UrlSetting = "LIVEKIT_URL";
    public const string ApiKeySetting = "LIVEKIT_API_KEY";
    public const string ApiSecretSetting = "LIVEKIT_API_SECRET";

    /// <summary>The embedded defaults (docs/development.md, Local ports and credentials).</summary>
    public static readonly LiveKitServerOptions Development = new() { Url = "ws://127.0.0.1:7880", ApiKey = "devkey", ApiSecret = "secret" };

    /// <summary>ws(s):// or http(s):// URL of the server.</summary>
    public string Url { get; set; } = "";

    public string ApiKey { get; set; } = "";

    /// <summary>Secret the worker signs its tokens with. Never logged.</summary>
    public string ApiSecret { get; set; } = "";
}
