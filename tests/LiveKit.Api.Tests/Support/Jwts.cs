using System.Buffers.Text;
using System.Text;
using System.Text.Json.Nodes;

namespace LiveKit.Api.Tests.Support;

/// <summary>Independent JWT helpers for tests: decode parts, and sign arbitrary header/payload JSON.</summary>
internal static class Jwts
{
    public static JsonObject Header(string token) => Part(token, 0);

    public static JsonObject Payload(string token) => Part(token, 1);

    /// <summary>Signs raw header and payload JSON with HS256 (for hand-made, possibly odd, tokens).</summary>
    public static string Sign(string headerJson, string payloadJson, string secret)
    {
        var input = Base64Url.EncodeToString(Encoding.UTF8.GetBytes(headerJson)) + "." + Base64Url.EncodeToString(Encoding.UTF8.GetBytes(payloadJson));
        var mac = System.Security.Cryptography.HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), Encoding.ASCII.GetBytes(input));
        return input + "." + Base64Url.EncodeToString(mac);
    }

    public static string Sign(string payloadJson, string secret) => Sign("""{"alg":"HS256","typ":"JWT"}""", payloadJson, secret);

    private static JsonObject Part(string token, int index) =>
        JsonNode.Parse(Base64Url.DecodeFromChars(token.Split('.')[index]))!.AsObject();
}
