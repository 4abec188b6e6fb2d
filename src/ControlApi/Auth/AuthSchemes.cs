namespace WarmTransfer.ControlApi.Auth;

/// <summary>Authentication scheme names.</summary>
internal static class AuthSchemes
{
    /// <summary>Console session: a signed, short-lived bearer token from <c>POST /api/auth/login</c>.</summary>
    public const string Session = "Session";

    /// <summary>Integrations: header <c>X-Api-Key</c> holding a configured API key.</summary>
    public const string ApiKey = "ApiKey";

    /// <summary>Picks <see cref="ApiKey"/> when the header is present, otherwise <see cref="Session"/>.</summary>
    public const string Agent = "Agent";

    /// <summary>The TransferAgent worker: <c>Authorization: Bearer WORKER_API_KEY</c>.</summary>
    public const string Worker = "Worker";

    public const string ApiKeyHeader = "X-Api-Key";
}
