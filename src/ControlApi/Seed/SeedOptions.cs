namespace WarmTransfer.ControlApi.Seed;

/// <summary>The seed-compatible API (section <c>Seed</c>).</summary>
internal sealed class SeedOptions
{
    public const string Section = "Seed";

    /// <summary>Serve <c>/token</c>, <c>/create-room</c>, <c>/list-rooms</c>, <c>/generate-summary</c>, <c>/transfer</c>, <c>/move-caller</c>.</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>
    /// Serve them without authentication, as the seed did. Defaults to on in Development only; otherwise they
    /// require an agent session or API key.
    /// </summary>
    public bool? AllowAnonymous { get; set; }
}
