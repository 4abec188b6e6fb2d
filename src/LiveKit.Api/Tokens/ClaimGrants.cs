using LiveKit.Proto;

namespace LiveKit.Api;

/// <summary>
/// The claims of a verified LiveKit access token: who the bearer is, what it may do, and the token's
/// registered claims. Returned by <see cref="TokenVerifier"/>.
/// </summary>
public sealed class ClaimGrants
{
    /// <summary>The API key that signed the token (<c>iss</c>).</summary>
    public required string ApiKey { get; init; }

    /// <summary>The participant identity (<c>sub</c>, or <c>jti</c> when <c>sub</c> is absent); empty when neither is set.</summary>
    public string Identity { get; init; } = string.Empty;

    /// <summary>Display name (<c>name</c>).</summary>
    public string? Name { get; init; }

    /// <summary>Participant metadata (<c>metadata</c>).</summary>
    public string? Metadata { get; init; }

    /// <summary>Participant attributes (<c>attributes</c>); empty when absent.</summary>
    public IReadOnlyDictionary<string, string> Attributes { get; init; } = System.Collections.ObjectModel.ReadOnlyDictionary<string, string>.Empty;

    /// <summary>Participant kind (<c>kind</c>, e.g. <c>"agent"</c>); null when absent.</summary>
    public ParticipantInfo.Types.Kind? Kind { get; init; }

    /// <summary>Participant kind details (<c>kindDetails</c>); empty when absent.</summary>
    public IReadOnlyList<ParticipantInfo.Types.KindDetail> KindDetails { get; init; } = [];

    /// <summary>Room and participant permissions (<c>video</c>).</summary>
    public VideoGrants? Video { get; init; }

    /// <summary>SIP permissions (<c>sip</c>).</summary>
    public SipGrants? Sip { get; init; }

    /// <summary>Agent administration permissions (<c>agent</c>).</summary>
    public AgentGrants? Agent { get; init; }

    /// <summary>Inference permissions (<c>inference</c>).</summary>
    public InferenceGrants? Inference { get; init; }

    /// <summary>Observability permissions (<c>observability</c>).</summary>
    public ObservabilityGrants? Observability { get; init; }

    /// <summary>Room settings applied when the token's room is created (<c>roomConfig</c>), including agents to dispatch.</summary>
    public RoomConfiguration? RoomConfig { get; init; }

    /// <summary>Named room preset (<c>roomPreset</c>).</summary>
    public string? RoomPreset { get; init; }

    /// <summary>Base64 SHA-256 of a signed body (<c>sha256</c>); set on webhook tokens.</summary>
    public string? Sha256 { get; init; }

    /// <summary>Expiry (<c>exp</c>).</summary>
    public DateTimeOffset? ExpiresAt { get; init; }

    /// <summary>Start of validity (<c>nbf</c>).</summary>
    public DateTimeOffset? NotBefore { get; init; }

    /// <summary>Issue time (<c>iat</c>).</summary>
    public DateTimeOffset? IssuedAt { get; init; }
}
