namespace WarmTransfer.ControlApi.Auth;

/// <summary>Authorization policy names used on route groups.</summary>
internal static class Policies
{
    /// <summary>An agent or an admin (session or API key).</summary>
    public const string Agent = "Agent";

    /// <summary>An admin (session or API key).</summary>
    public const string Admin = "Admin";

    /// <summary>The TransferAgent worker.</summary>
    public const string Worker = "Worker";

    /// <summary>Who may mint bot tokens: admins and the worker.</summary>
    public const string BotTokens = "BotTokens";
}
