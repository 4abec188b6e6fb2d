using LiveKit.Api;

namespace LiveKit.DevServer.Auth;

/// <summary>The server's API keys and the signing key it mints tokens with (agent jobs, moved participants).</summary>
internal sealed class ApiKeys(DevServerOptions options)
{
    public IApiKeyProvider Provider { get; } = new InMemoryApiKeyProvider(options.EffectiveKeys);

    public string SigningKey { get; } = options.SigningKey.Key;

    public string SigningSecret { get; } = options.SigningKey.Value;

    /// <summary>A token builder signed with the signing key.</summary>
    public AccessToken NewToken(TimeProvider time) => new(SigningKey, SigningSecret, time);
}
