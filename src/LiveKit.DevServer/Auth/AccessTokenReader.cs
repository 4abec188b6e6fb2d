using Microsoft.AspNetCore.Http;

namespace LiveKit.DevServer.Auth;

/// <summary>
/// Where a request carries its access token: the <c>Authorization: Bearer</c> header, otherwise the
/// <c>access_token</c> query parameter (srv:service/auth.go). livekit-client uses the query, the Rust SDK
/// and the server SDKs the header.
/// </summary>
internal static class AccessTokenReader
{
    private const string BearerPrefix = "Bearer ";

    public static string? Read(HttpRequest request)
    {
        var header = request.Headers.Authorization.ToString();
        if (header.StartsWith(BearerPrefix, StringComparison.OrdinalIgnoreCase))
        {
            var token = header[BearerPrefix.Length..].Trim();
            if (token.Length > 0)
            {
                return token;
            }
        }

        var query = request.Query["access_token"].ToString();
        return query.Length > 0 ? query : null;
    }
}
