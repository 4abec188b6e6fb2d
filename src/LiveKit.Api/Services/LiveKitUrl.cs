namespace LiveKit.Api;

/// <summary>Turns the URL clients connect to (<c>ws://</c>, <c>wss://</c>) into the HTTP base of the server API.</summary>
public static class LiveKitUrl
{
    /// <summary>
    /// Maps <c>ws</c> → <c>http</c> and <c>wss</c> → <c>https</c>, keeps <c>http</c>/<c>https</c>, and drops a trailing
    /// slash, query and fragment; a path is kept (for servers behind a prefix).
    /// </summary>
    /// <exception cref="ArgumentException">Not an absolute URL, or a scheme other than ws, wss, http, https.</exception>
    public static Uri ToHttpBase(string url)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(url);
        if (!Uri.TryCreate(url.Trim(), UriKind.Absolute, out var uri) || string.IsNullOrEmpty(uri.Host))
        {
            throw new ArgumentException($"'{url}' is not an absolute URL such as ws://127.0.0.1:7880 or https://example.livekit.cloud.", nameof(url));
        }

        var scheme = uri.Scheme.ToUpperInvariant() switch
        {
            "WS" or "HTTP" => Uri.UriSchemeHttp,
            "WSS" or "HTTPS" => Uri.UriSchemeHttps,
            _ => throw new ArgumentException($"'{url}' has scheme '{uri.Scheme}'; expected ws, wss, http or https.", nameof(url)),
        };

        var builder = new UriBuilder(uri)
        {
            Scheme = scheme,
            Port = uri.IsDefaultPort ? -1 : uri.Port,
            Path = uri.AbsolutePath.TrimEnd('/'),
            Query = string.Empty,
            Fragment = string.Empty,
        };
        return builder.Uri;
    }
}
