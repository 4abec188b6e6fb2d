using System.Security.Cryptography;
using System.Text;
using Google.Protobuf;
using LiveKit.Proto;

namespace LiveKit.Api;

/// <summary>
/// Accepts LiveKit webhooks: checks the JWT in the <c>Authorization</c> header (signed with one of our API
/// keys), checks that its <c>sha256</c> claim is base64(SHA-256(body)), then parses the body as a
/// <see cref="WebhookEvent"/> in protobuf JSON (unknown fields ignored).
/// </summary>
/// <remarks>Thread-safe. Hash the exact bytes received: re-encoding the body would break the checksum.</remarks>
public sealed class WebhookReceiver
{
    private static readonly JsonParser Parser = new(JsonParser.Settings.Default.WithIgnoreUnknownFields(true));

    private readonly TokenVerifier _verifier;

    /// <summary>Creates a receiver that verifies tokens with <paramref name="verifier"/>.</summary>
    public WebhookReceiver(TokenVerifier verifier)
    {
        ArgumentNullException.ThrowIfNull(verifier);
        _verifier = verifier;
    }

    /// <summary>Creates a receiver for a single API key.</summary>
    public WebhookReceiver(string apiKey, string apiSecret)
        : this(new TokenVerifier(apiKey, apiSecret))
    {
    }

    /// <summary>Verifies and parses a webhook whose body is UTF-8 text.</summary>
    /// <exception cref="WebhookValidationException">The request is refused; <see cref="WebhookValidationException.Error"/> says why.</exception>
    public WebhookEvent Receive(string body, string? authorization)
    {
        ArgumentNullException.ThrowIfNull(body);
        return Receive(Encoding.UTF8.GetBytes(body), authorization);
    }

    /// <summary>Verifies and parses a webhook from the body bytes as received.</summary>
    /// <param name="body">The request body, exactly as received.</param>
    /// <param name="authorization">The <c>Authorization</c> header: the JWT, optionally after <c>Bearer </c>.</param>
    /// <exception cref="WebhookValidationException">The request is refused; <see cref="WebhookValidationException.Error"/> says why.</exception>
    public WebhookEvent Receive(ReadOnlySpan<byte> body, string? authorization)
    {
        // LiveKit sends the bare JWT; a "Bearer" scheme in front is tolerated.
        var token = authorization?.Trim();
        if (token is not null && token.StartsWith("Bearer", StringComparison.OrdinalIgnoreCase)
            && (token.Length == "Bearer".Length || char.IsWhiteSpace(token["Bearer".Length])))
        {
            token = token["Bearer".Length..].TrimStart();
        }

        if (string.IsNullOrEmpty(token))
        {
            throw new WebhookValidationException(WebhookValidationError.MissingAuthorization, "The webhook has no Authorization header.");
        }

        ClaimGrants claims;
        try
        {
            claims = _verifier.Verify(token);
        }
        catch (TokenValidationException e)
        {
            throw new WebhookValidationException(WebhookValidationError.InvalidToken, $"The webhook's token was refused: {e.Message}", e);
        }

        if (string.IsNullOrEmpty(claims.Sha256))
        {
            throw new WebhookValidationException(WebhookValidationError.MissingChecksum, "The webhook's token has no sha256 claim.");
        }

        Span<byte> hash = stackalloc byte[SHA256.HashSizeInBytes];
        SHA256.HashData(body, hash);
        Span<byte> claimed = stackalloc byte[SHA256.HashSizeInBytes + 3];
        if (!Convert.TryFromBase64String(claims.Sha256, claimed, out var written)
            || !CryptographicOperations.FixedTimeEquals(claimed[..written], hash))
        {
            throw new WebhookValidationException(WebhookValidationError.ChecksumMismatch, "The webhook body does not match the sha256 its token signs; it was altered.");
        }

        try
        {
            return Parser.Parse<WebhookEvent>(Encoding.UTF8.GetString(body));
        }
        catch (Exception e) when (e is InvalidJsonException or InvalidProtocolBufferException)
        {
            throw new WebhookValidationException(WebhookValidationError.MalformedBody, $"The webhook body is not a WebhookEvent: {e.Message}", e);
        }
    }
}
