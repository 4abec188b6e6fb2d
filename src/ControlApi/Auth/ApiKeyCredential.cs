namespace WarmTransfer.ControlApi.Auth;

/// <summary>
/// A configured API key (<c>Auth:ApiKeys:N:*</c>) for integrations, sent as header <c>X-Api-Key</c>. Only the key's
/// SHA-256 (hex) is configured; API keys are long random strings, so a fast hash is enough.
/// </summary>
internal sealed class ApiKeyCredential
{
    public string Identity { get; set; } = string.Empty;

    public string? Name { get; set; }

    public string Role { get; set; } = Roles.Agent;

    public string KeySha256 { get; set; } = string.Empty;
}
