namespace WarmTransfer.ControlApi.Auth;

/// <summary>
/// A configured login (<c>Auth:Agents:N:*</c>). <see cref="PasswordHash"/> is a PBKDF2 hash as produced by
/// <c>ControlApi hash-password</c>: <c>pbkdf2-sha256$iterations$salt$hash</c> (base64).
/// </summary>
internal sealed class AgentCredential
{
    public string Identity { get; set; } = string.Empty;

    public string? Name { get; set; }

    public string Role { get; set; } = Roles.Agent;

    public string PasswordHash { get; set; } = string.Empty;
}
