using System.Buffers;
using System.Buffers.Text;
using System.Security.Cryptography;

namespace LiveKit.Api;

/// <summary>Compact HS256 JWS serialisation (RFC 7515 §7.1, RFC 7518 §3.2).</summary>
internal static class Jwt
{
    /// <summary>The fixed protected header LiveKit tokens use: <c>{"alg":"HS256","typ":"JWT"}</c>.</summary>
    private static ReadOnlySpan<byte> Header => """{"alg":"HS256","typ":"JWT"}"""u8;

    /// <summary>The largest token <see cref="TokenVerifier"/> accepts, in characters.</summary>
    public const int MaxTokenLength = 64 * 1024;

    public const int SignatureLength = HMACSHA256.HashSizeInBytes;

    /// <summary>Builds <c>base64url(header).base64url(payload).base64url(HMAC-SHA256)</c>.</summary>
    public static string Sign(ReadOnlySpan<byte> payloadJson, byte[] secret)
    {
        var headerLength = Base64Url.GetEncodedLength(Header.Length);
        var payloadLength = Base64Url.GetEncodedLength(payloadJson.Length);
        var signatureLength = Base64Url.GetEncodedLength(SignatureLength);
        var signingLength = headerLength + 1 + payloadLength;
        var total = signingLength + 1 + signatureLength;

        var rented = ArrayPool<byte>.Shared.Rent(total);
        try
        {
            var token = rented.AsSpan(0, total);
            Base64Url.EncodeToUtf8(Header, token);
            token[headerLength] = (byte)'.';
            Base64Url.EncodeToUtf8(payloadJson, token[(headerLength + 1)..]);
            token[signingLength] = (byte)'.';

            Span<byte> mac = stackalloc byte[SignatureLength];
            HMACSHA256.HashData(secret, token[..signingLength], mac);
            Base64Url.EncodeToUtf8(mac, token[(signingLength + 1)..]);
            return System.Text.Encoding.ASCII.GetString(token);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(rented);
        }
    }
}
