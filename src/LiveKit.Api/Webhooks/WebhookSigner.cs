using System.Security.Cryptography;
using System.Text;
using Google.Protobuf;
using LiveKit.Proto;

namespace LiveKit.Api;

/// <summary>
/// Signs webhooks the way LiveKit does: the body is the event in protobuf JSON, and the
/// <c>Authorization</c> header is a 5-minute JWT from the API key whose <c>sha256</c> claim is
/// base64(SHA-256(body)). Sent with <c>Content-Type: application/webhook+json</c>.
/// </summary>
/// <remarks>Thread-safe.</remarks>
public sealed class WebhookSigner
{
    /// <summary>The header carrying the token.</summary>
    public const string AuthorizationHeader = "Authorization";

    /// <summary>LiveKit's webhook media type.</summary>
    public const string ContentType = "application/webhook+json";

    /// <summary>How long the signing token is valid (as LiveKit).</summary>
    public static readonly TimeSpan TokenTtl = TimeSpan.FromMinutes(5);

    private readonly string _apiKey;
    private readonly string _apiSecret;
    private readonly TimeProvider _time;

    /// <summary>Creates a signer for an API key.</summary>
    public WebhookSigner(string apiKey, string apiSecret, TimeProvider? timeProvider = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(apiKey);
        ArgumentException.ThrowIfNullOrEmpty(apiSecret);
        _apiKey = apiKey;
        _apiSecret = apiSecret;
        _time = timeProvider ?? TimeProvider.System;
    }

    /// <summary>Serialises <paramref name="webhookEvent"/> and signs it.</summary>
    public SignedWebhook Sign(WebhookEvent webhookEvent)
    {
        ArgumentNullException.ThrowIfNull(webhookEvent);
        var body = Encoding.UTF8.GetBytes(JsonFormatter.Default.Format(webhookEvent));
        return new SignedWebhook(body, CreateAuthorization(body));
    }

    /// <summary>The <c>Authorization</c> value for an already serialised body.</summary>
    public string CreateAuthorization(ReadOnlySpan<byte> body) =>
        new AccessToken(_apiKey, _apiSecret, _time)
            .WithSha256(Convert.ToBase64String(SHA256.HashData(body)))
            .WithTtl(TokenTtl)
            .ToJwt();
}
