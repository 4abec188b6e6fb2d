namespace LiveKit.Api;

/// <summary>Settings of <see cref="TokenVerifier"/>.</summary>
public sealed class TokenVerifierOptions
{
    /// <summary>LiveKit's leeway for <c>exp</c> and <c>nbf</c>.</summary>
    public static readonly TimeSpan DefaultClockSkew = TimeSpan.FromMinutes(1);

    /// <summary>How far <c>exp</c> and <c>nbf</c> may be off before a token is refused; 60 s by default.</summary>
    public TimeSpan ClockSkew { get; set; } = DefaultClockSkew;
}
