namespace LiveKit.Api;

/// <summary>Where and how the service clients reach a LiveKit server.</summary>
public sealed class LiveKitApiOptions
{
    /// <summary>How long each per-call token is valid (LiveKit's SDKs use 10 minutes).</summary>
    public static readonly TimeSpan DefaultTokenTtl = TimeSpan.FromMinutes(10);

    /// <summary>The server URL; <c>ws(s)://</c> and <c>http(s)://</c> are both accepted.</summary>
    public required string Url { get; init; }

    /// <summary>The API key calls are signed with.</summary>
    public required string ApiKey { get; init; }

    /// <summary>The API secret calls are signed with.</summary>
    public required string ApiSecret { get; init; }

    /// <summary>Request/response encoding; binary protobuf by default.</summary>
    public TwirpEncoding Encoding { get; init; } = TwirpEncoding.Protobuf;

    /// <summary>Validity of the token minted for each call.</summary>
    public TimeSpan TokenTtl { get; init; } = DefaultTokenTtl;

    /// <summary>Clock for the minted tokens; the system clock when null.</summary>
    public TimeProvider? TimeProvider { get; init; }
}
