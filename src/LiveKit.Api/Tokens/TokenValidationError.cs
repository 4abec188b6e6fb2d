namespace LiveKit.Api;

/// <summary>Why an access token was refused.</summary>
public enum TokenValidationError
{
    /// <summary>Not a compact JWT, bad base64url, bad JSON, or a claim of the wrong type.</summary>
    Malformed,

    /// <summary>The header names an algorithm other than HS256 (including <c>none</c>).</summary>
    UnsupportedAlgorithm,

    /// <summary>No <c>iss</c>, or no secret is known for it.</summary>
    UnknownKey,

    /// <summary>The HMAC does not match: forged, altered, or signed with another secret.</summary>
    BadSignature,

    /// <summary>No <c>exp</c> claim; LiveKit requires one.</summary>
    MissingExpiry,

    /// <summary><c>exp</c> is in the past, beyond the allowed clock skew.</summary>
    Expired,

    /// <summary><c>nbf</c> is in the future, beyond the allowed clock skew.</summary>
    NotYetValid,

    /// <summary>A join token without an identity (<c>sub</c>).</summary>
    MissingIdentity,

    /// <summary>A join token without the <c>video.roomJoin</c> grant.</summary>
    MissingJoinGrant,
}
