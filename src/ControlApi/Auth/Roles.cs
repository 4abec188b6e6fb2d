namespace WarmTransfer.ControlApi.Auth;

/// <summary>Role claim values. Callers have no role here: they never authenticate to the API, they only hold a LiveKit token for their own room.</summary>
internal static class Roles
{
    public const string Agent = "agent";
    public const string Admin = "admin";
    public const string Worker = "worker";

    public static bool IsKnownPersonRole(string? role) => role is Agent or Admin;
}
