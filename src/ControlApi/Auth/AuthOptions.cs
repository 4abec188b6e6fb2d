namespace WarmTransfer.ControlApi.Auth;

/// <summary>Who may log in and for how long (section <c>Auth</c>).</summary>
internal sealed class AuthOptions
{
    public const string Section = "Auth";

    /// <summary>Lifetime of a console session token.</summary>
    public TimeSpan SessionLifetime { get; set; } = TimeSpan.FromHours(1);

    /// <summary>Lifetime of the refresh token issued with a session.</summary>
    public TimeSpan RefreshLifetime { get; set; } = TimeSpan.FromHours(12);

    /// <summary>Built-in logins alice, bob, carol (agents) and admin, password <c>dev</c>. Defaults to on in Development only.</summary>
    public bool? DevelopmentAccounts { get; set; }

    public IList<AgentCredential> Agents { get; } = [];

    public IList<ApiKeyCredential> ApiKeys { get; } = [];
}
