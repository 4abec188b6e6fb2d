using System.Collections.Frozen;

namespace LiveKit.Api;

/// <summary>A fixed set of API keys and secrets (e.g. <c>devkey</c> / <c>secret</c>).</summary>
public sealed class InMemoryApiKeyProvider : IApiKeyProvider
{
    private readonly FrozenDictionary<string, string> _secrets;

    /// <summary>Creates a provider for the given key → secret pairs.</summary>
    /// <exception cref="ArgumentException">A key or secret is empty, or a key appears twice.</exception>
    public InMemoryApiKeyProvider(IEnumerable<KeyValuePair<string, string>> keys)
    {
        ArgumentNullException.ThrowIfNull(keys);
        var map = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (key, secret) in keys)
        {
            if (string.IsNullOrEmpty(key))
            {
                throw new ArgumentException("An API key is empty.", nameof(keys));
            }

            if (string.IsNullOrEmpty(secret))
            {
                throw new ArgumentException($"The secret of API key '{key}' is empty.", nameof(keys));
            }

            if (!map.TryAdd(key, secret))
            {
                throw new ArgumentException($"API key '{key}' appears twice.", nameof(keys));
            }
        }

        _secrets = map.ToFrozenDictionary(StringComparer.Ordinal);
    }

    /// <summary>Creates a provider with a single key.</summary>
    public InMemoryApiKeyProvider(string apiKey, string apiSecret)
        : this([new KeyValuePair<string, string>(apiKey, apiSecret)])
    {
    }

    /// <inheritdoc />
    public string? GetSecret(string apiKey) => _secrets.GetValueOrDefault(apiKey);
}
