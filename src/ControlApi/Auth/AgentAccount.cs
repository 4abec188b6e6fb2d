namespace WarmTransfer.ControlApi.Auth;

/// <summary>Someone who may use the agent console or the API: an agent or an admin.</summary>
internal sealed record AgentAccount(string Identity, string Name, string Role)
{
    public bool IsAdmin => Role == Roles.Admin;
}
