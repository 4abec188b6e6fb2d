namespace LiveKit.Api;

/// <summary>Why a webhook request was refused.</summary>
public enum WebhookValidationError
{
    /// <summary>No <c>Authorization</c> header.</summary>
    MissingAuthorization,

    /// <summary>The header's token was refused (see the inner <see cref="TokenValidationException"/>).</summary>
    InvalidToken,

    /// <summary>The token carries no <c>sha256</c> claim.</summary>
    MissingChecksum,

    /// <summary>The body's SHA-256 differs from the token's <c>sha256</c> claim: the body was altered.</summary>
    ChecksumMismatch,

    /// <summary>The body is not a WebhookEvent in protobuf JSON.</summary>
    MalformedBody,
}
