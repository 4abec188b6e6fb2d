using System.Buffers;
using System.Buffers.Text;
using System.Collections.Concurrent;
using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace LiveKit.Api;

/// <summary>
/// Verifies LiveKit access tokens: HS256 only, secret chosen by the token's <c>iss</c>, <c>exp</c>
/// required and <c>nbf</c> honoured with a clock-skew allowance (RFC 7519 §4.1.4-4.1.5), in LiveKit's order:
/// parse, look up the key, check the signature, then the times.
/// </summary>
/// <remarks>Thread-safe; create one and share it.</remarks>
public sealed class TokenVerifier
{
    // The protected header is tiny; anything larger is not one of ours.
    private const int MaxHeaderBytes = 1024;

    private readonly IApiKeyProvider _keys;
    private readonly TimeProvider _time;
    private readonly TimeSpan _clockSkew;

    // API key -> (secret, its UTF-8 bytes): verifying costs no encoding while the provider's secret is unchanged.
    // Only keys the provider knows get an entry, so the cache is bounded by the provider's key set.
    private readonly ConcurrentDictionary<string, (string Secret, byte[] Bytes)> _secretBytes = new(StringComparer.Ordinal);

    /// <summary>Creates a verifier over a key provider.</summary>
    /// <param name="keys">Where secrets are looked up by API key.</param>
    /// <param name="options">Clock skew; LiveKit's 60 s when null.</param>
    /// <param name="timeProvider">The clock; the system clock when null.</param>
    public TokenVerifier(IApiKeyProvider keys, TokenVerifierOptions? options = null, TimeProvider? timeProvider = null)
    {
        ArgumentNullException.ThrowIfNull(keys);
        _keys = keys;
        _time = timeProvider ?? TimeProvider.System;
        _clockSkew = options?.ClockSkew ?? TokenVerifierOptions.DefaultClockSkew;
        ArgumentOutOfRangeException.ThrowIfLessThan(_clockSkew, TimeSpan.Zero, "options.ClockSkew");
    }

    /// <summary>Creates a verifier for a single API key.</summary>
    public TokenVerifier(string apiKey, string apiSecret, TokenVerifierOptions? options = null, TimeProvider? timeProvider = null)
        : this(new InMemoryApiKeyProvider(apiKey, apiSecret), options, timeProvider)
    {
    }

    /// <summary>Verifies <paramref name="token"/> and returns its claims.</summary>
    /// <exception cref="TokenValidationException">The token is refused; <see cref="TokenValidationException.Error"/> says why.</exception>
    public ClaimGrants Verify(string token)
    {
        ArgumentNullException.ThrowIfNull(token);
        return VerifyCore(token, out var claims) is { } refusal
            ? throw new TokenValidationException(refusal.Error, refusal.Message)
            : claims!;
    }

    /// <summary>
    /// Verifies a token presented to join a room: as <see cref="Verify"/>, plus an identity and the
    /// <c>video.roomJoin</c> grant are required (the room itself may come from elsewhere, e.g. the URL).
    /// </summary>
    /// <exception cref="TokenValidationException">The token is refused; <see cref="TokenValidationException.Error"/> says why.</exception>
    public ClaimGrants VerifyForJoin(string token)
    {
        var claims = Verify(token);
        if (claims.Video is not { RoomJoin: true })
        {
            throw new TokenValidationException(TokenValidationError.MissingJoinGrant, "The token does not grant roomJoin.");
        }

        if (claims.Identity.Length == 0)
        {
            throw new TokenValidationException(TokenValidationError.MissingIdentity, "The token has no identity (sub claim); joining needs one.");
        }

        return claims;
    }

    /// <summary>Verifies <paramref name="token"/> without throwing for a refused token.</summary>
    /// <returns>True with the claims, or false with the reason and a message.</returns>
    /// <remarks>The common refusals (bad signature, unknown key, expired, not yet valid) cost no exception.</remarks>
    public bool TryVerify(string token, [NotNullWhen(true)] out ClaimGrants? claims, out TokenValidationError error, out string? message)
    {
        ArgumentNullException.ThrowIfNull(token);
        Refusal? refusal;
        try
        {
            refusal = VerifyCore(token, out claims);
        }
        catch (TokenValidationException e)
        {
            refusal = new Refusal(e.Error, e.Message);
            claims = null;
        }

        if (refusal is { } refused)
        {
            (claims, error, message) = (null, refused.Error, refused.Message);
            return false;
        }

        (error, message) = (default, null);
        return claims is not null;
    }

    /// <summary>Null with the claims when the token is good; otherwise the refusal. Malformed input still throws.</summary>
    private Refusal? VerifyCore(ReadOnlySpan<char> token, out ClaimGrants? verified)
    {
        verified = null;
        if (token.Length > Jwt.MaxTokenLength)
        {
            throw Fail(TokenValidationError.Malformed, $"The token is {token.Length} characters long; at most {Jwt.MaxTokenLength} are accepted.");
        }

        var firstDot = token.IndexOf('.');
        var secondDot = firstDot < 0 ? -1 : token[(firstDot + 1)..].IndexOf('.') + firstDot + 1;
        if (firstDot <= 0 || secondDot <= firstDot || token[(secondDot + 1)..].Contains('.'))
        {
            throw Fail(TokenValidationError.Malformed, "The token is not a JWT (expected header.payload.signature).");
        }

        var headerPart = token[..firstDot];
        var payloadPart = token[(firstDot + 1)..secondDot];
        var signaturePart = token[(secondDot + 1)..];

        CheckHeader(headerPart);

        var payloadMax = Base64Url.GetMaxDecodedLength(payloadPart.Length);
        var rented = ArrayPool<byte>.Shared.Rent(Math.Max(payloadMax, secondDot));
        try
        {
            var payload = Decode(payloadPart, rented, "payload");
            var claims = ClaimsReader.Read(payload);

            if (claims.ApiKey.Length == 0)
            {
                return new Refusal(TokenValidationError.UnknownKey, "The token has no iss claim (the API key that signed it).");
            }

            var secret = _keys.GetSecret(claims.ApiKey);
            if (string.IsNullOrEmpty(secret))
            {
                return new Refusal(TokenValidationError.UnknownKey, $"The token is signed by API key '{claims.ApiKey}', which this server does not know.");
            }

            // The signing input is the ASCII text of header.payload (RFC 7515 §5.2); reuse the buffer.
            var signingInput = rented.AsSpan(0, secondDot);
            if (Encoding.ASCII.GetBytes(token[..secondDot], signingInput) != secondDot)
            {
                throw Fail(TokenValidationError.Malformed, "The token is not ASCII.");
            }

            if (!SignatureMatches(signingInput, signaturePart, SecretBytes(claims.ApiKey, secret)))
            {
                return new Refusal(TokenValidationError.BadSignature, "The token signature does not match: it was altered, forged, or signed with another secret.");
            }

            if (CheckTimes(claims) is { } refusal)
            {
                return refusal;
            }

            verified = claims;
            return null;
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(rented);
        }
    }

    private static void CheckHeader(ReadOnlySpan<char> headerPart)
    {
        if (Base64Url.GetMaxDecodedLength(headerPart.Length) > MaxHeaderBytes)
        {
            throw Fail(TokenValidationError.Malformed, "The token header is too large.");
        }

        Span<byte> buffer = stackalloc byte[MaxHeaderBytes];
        var header = Decode(headerPart, buffer, "header");
        string? algorithm = null;
        try
        {
            var reader = new System.Text.Json.Utf8JsonReader(header);
            if (!reader.Read() || reader.TokenType != System.Text.Json.JsonTokenType.StartObject)
            {
                throw Fail(TokenValidationError.Malformed, "The token header is not a JSON object.");
            }

            while (reader.Read() && reader.TokenType == System.Text.Json.JsonTokenType.PropertyName)
            {
                var isAlg = reader.ValueTextEquals("alg"u8);
                reader.Read();
                if (isAlg && reader.TokenType == System.Text.Json.JsonTokenType.String)
                {
                    algorithm = reader.GetString();
                }

                reader.Skip();
            }
        }
        catch (System.Text.Json.JsonException e)
        {
            throw Fail(TokenValidationError.Malformed, $"The token header is not valid JSON ({e.Message}).");
        }

        if (algorithm is null)
        {
            throw Fail(TokenValidationError.Malformed, "The token header has no alg.");
        }

        if (algorithm != "HS256")
        {
            throw Fail(TokenValidationError.UnsupportedAlgorithm, $"The token is signed with '{algorithm}'; only HS256 is accepted.");
        }
    }

    private static bool SignatureMatches(ReadOnlySpan<byte> signingInput, ReadOnlySpan<char> signaturePart, byte[] secret)
    {
        Span<byte> expected = stackalloc byte[Jwt.SignatureLength];
        HMACSHA256.HashData(secret, signingInput, expected);

        Span<byte> actual = stackalloc byte[Jwt.SignatureLength + 3];
        var status = Base64Url.DecodeFromChars(signaturePart, actual, out _, out var written);
        return status == OperationStatus.Done && written == Jwt.SignatureLength
            && CryptographicOperations.FixedTimeEquals(actual[..written], expected);
    }

    private Refusal? CheckTimes(ClaimGrants claims)
    {
        var now = _time.GetUtcNow();
        if (claims.ExpiresAt is not { } expiresAt)
        {
            return new Refusal(TokenValidationError.MissingExpiry, "The token has no exp claim; LiveKit tokens must expire.");
        }

        if (now > expiresAt + _clockSkew)
        {
            return new Refusal(TokenValidationError.Expired, string.Create(CultureInfo.InvariantCulture, $"The token expired at {expiresAt:u} (now {now:u}, allowed skew {_clockSkew.TotalSeconds:0} s)."));
        }

        if (claims.NotBefore is { } notBefore && now + _clockSkew < notBefore)
        {
            return new Refusal(TokenValidationError.NotYetValid, string.Create(CultureInfo.InvariantCulture, $"The token is not valid before {notBefore:u} (now {now:u}, allowed skew {_clockSkew.TotalSeconds:0} s)."));
        }

        return null;
    }

    private byte[] SecretBytes(string apiKey, string secret)
    {
        if (_secretBytes.TryGetValue(apiKey, out var cached) && string.Equals(cached.Secret, secret, StringComparison.Ordinal))
        {
            return cached.Bytes;
        }

        var bytes = Encoding.UTF8.GetBytes(secret);
        _secretBytes[apiKey] = (secret, bytes);
        return bytes;
    }

    private static ReadOnlySpan<byte> Decode(ReadOnlySpan<char> part, Span<byte> destination, string what)
    {
        var status = Base64Url.DecodeFromChars(part, destination, out var consumed, out var written);
        if (status != OperationStatus.Done || consumed != part.Length)
        {
            throw Fail(TokenValidationError.Malformed, $"The token {what} is not valid base64url.");
        }

        return destination[..written];
    }

    private static TokenValidationException Fail(TokenValidationError error, string message) => new(error, message);

    private readonly record struct Refusal(TokenValidationError Error, string Message);
}
