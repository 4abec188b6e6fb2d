namespace LiveKit.Api;

/// <summary>Looks up the API secret for an API key (a token's <c>iss</c>).</summary>
/// <remarks>Called on every verification, from any thread; implementations must be thread-safe and fast.</remarks>
public interface IApiKeyProvider
{
    /// <summary>The secret for <paramref name="apiKey"/>, or null when the key is unknown.</summary>
    string? GetSecret(string apiKey);
}
