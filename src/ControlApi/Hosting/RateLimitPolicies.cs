namespace WarmTransfer.ControlApi.Hosting;

/// <summary>Rate-limiter policy names used on endpoints.</summary>
internal static class RateLimitPolicies
{
    /// <summary>Token issuing and call creation, per client address (or per authenticated identity).</summary>
    public const string Tokens = "tokens";

    /// <summary>Transfer commands, per authenticated identity.</summary>
    public const string Transfers = "transfers";

    /// <summary>Logins and refreshes, per client address.</summary>
    public const string Login = "login";
}
