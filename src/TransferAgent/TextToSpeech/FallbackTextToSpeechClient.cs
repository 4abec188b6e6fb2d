using System.Runtime.CompilerServices;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Logging;
using WarmTransfer.TransferAgent.Resilience;

namespace WarmTransfer.TransferAgent.TextToSpeech;

/// <summary>
/// Tries each configured speech provider in order until one synthesises the text; the response carries an
/// <see cref="EngineProvenance"/>. Streaming falls back only before the first chunk: once a provider has produced audio
/// its stream is played to the end (switching voices mid-sentence would be worse than an error).
/// </summary>
/// <remarks>Owns its providers: disposing the fallback client disposes them.</remarks>
public sealed class FallbackTextToSpeechClient : ITextToSpeechClient
{
    public const string Capability = "tts";

    private readonly ProviderChain<ITextToSpeechClient> _chain;
    private readonly TextToSpeechClientMetadata _metadata;

    public FallbackTextToSpeechClient(IReadOnlyList<NamedClient<ITextToSpeechClient>> providers, ILogger? logger = null)
    {
        _chain = new ProviderChain<ITextToSpeechClient>(Capability, providers, logger);
        var first = providers[0].Client.GetService<TextToSpeechClientMetadata>();
        _metadata = new TextToSpeechClientMetadata($"fallback({string.Join(',', providers.Select(p => p.Name))})", first?.ProviderUri, first?.DefaultModelId);
    }

    public async Task<TextToSpeechResponse> GetAudioAsync(string text, TextToSpeechOptions? options = null, CancellationToken cancellationToken = default)
    {
        var (response, provenance) = await _chain.ExecuteAsync(
            (client, token) => client.GetAudioAsync(text, options?.Clone(), token),
            cancellationToken).ConfigureAwait(false);
        var properties = response.AdditionalProperties;
        EngineProvenanceExtensions.SetProvenance(ref properties, provenance);
        response.AdditionalProperties = properties;
        return response;
    }

    public async IAsyncEnumerable<TextToSpeechResponseUpdate> GetStreamingAudioAsync(
        string text, TextToSpeechOptions? options = null, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        // Pull the first update under the chain so a provider that fails before producing audio falls back.
        var ((enumerator, first), provenance) = await _chain.ExecuteAsync(
            async (client, token) =>
            {
                var e = client.GetStreamingAudioAsync(text, options?.Clone(), token).GetAsyncEnumerator(token);
                try
                {
                    return (e, await e.MoveNextAsync().ConfigureAwait(false) ? e.Current : null);
                }
                catch
                {
                    await e.DisposeAsync().ConfigureAwait(false);
                    throw;
                }
            },
            cancellationToken).ConfigureAwait(false);

        await using (enumerator.ConfigureAwait(false))
        {
            var update = first;
            while (update is not null)
            {
                var properties = update.AdditionalProperties;
                EngineProvenanceExtensions.SetProvenance(ref properties, provenance);
                update.AdditionalProperties = properties;
                yield return update;
                update = await enumerator.MoveNextAsync().ConfigureAwait(false) ? enumerator.Current : null;
            }
        }
    }

    /// <summary>With a provider name as key, returns that provider's service.</summary>
    public object? GetService(Type serviceType, object? serviceKey = null)
    {
        ArgumentNullException.ThrowIfNull(serviceType);
        if (serviceKey is string name)
        {
            return _chain.Providers.FirstOrDefault(p => p.Name == name).Client?.GetService(serviceType);
        }

        return serviceKey is not null ? null
            : serviceType == typeof(TextToSpeechClientMetadata) ? _metadata
            : serviceType.IsInstanceOfType(this) ? this
            : _chain.Providers[0].Client.GetService(serviceType);
    }

    public void Dispose()
    {
        foreach (var (_, client) in _chain.Providers)
        {
            client.Dispose();
        }
    }
}
