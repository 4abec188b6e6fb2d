using System.Security.Cryptography;
using System.Text;
using System.Text.Json;

namespace LiveKit.Rtc.Tests.Infrastructure;

/// <summary>
/// Minimal LiveKit access tokens (HS256 JWT with a "video" grant) for test servers, so these tests depend on
/// nothing but LiveKit.Rtc.
/// </summary>
public static class TestTokens
{
    public static string Create(string apiKey, string apiSecret, string room, string identity, IReadOnlyDictionary<string, string>? attributes = null, TimeSpan? ttl = null)
    {
        long now = DateTimeOffset.UtcNow.ToUnixTimeSeconds();
        var claims = new Dictionary<string, object>
        {
            ["iss"] = apiKey,
            ["sub"] = identity,
            ["nbf"] = now - 10,
            ["exp"] = now + (long)(ttl ?? TimeSpan.FromHours(1)).TotalSeconds,
            ["name"] = identity,
            ["video"] = new Dictionary<string, object>
            {
                ["room"] = room,
                ["roomJoin"] = true,
                ["canPublish"] = true,
                ["canSubscribe"] = true,
                ["canPublishData"] = true,
                ["canUpdateOwnMetadata"] = true,
            },
        };
        if (attributes is not null)
        {
            claims["attributes"] = attributes;
        }
        string header = Base64Url(JsonSerializer.SerializeToUtf8Bytes(new { alg = "HS256", typ = "JWT" }));
        string payload = Base64Url(JsonSerializer.SerializeToUtf8Bytes(claims));
        byte[] signature = HMACSHA256.HashData(Encoding.UTF8.GetBytes(apiSecret), Encoding.ASCII.GetBytes(header + "." + payload));
        return header + "." + payload + "." + Base64Url(signature);
    }

    private static string Base64Url(byte[] bytes) => Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}
