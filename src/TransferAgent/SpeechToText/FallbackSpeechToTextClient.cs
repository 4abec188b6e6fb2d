using System.Runtime.CompilerServices;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Logging;
using WarmTransfer.TransferAgent.Resilience;

namespace WarmTransfer.TransferAgent.SpeechToText;

/// <summary>
/// Tries each configured provider in order until one transcribes the audio; the response carries an
/// <see cref="EngineProvenance"/> naming the provider that served and those that failed first. The audio is buffered
/// once and replayed to each provider (providers may consume and dispose the stream they get). Streaming yields the
/// serving provider's result as one final update: the fallback decision is made per request, before any output.
/// </summary>
/// <remarks>Owns its providers: disposing the fallback client disposes them. Thread-safe if the providers are.</remarks>
public sealed class FallbackSpeechToTextClient : ISpeechToTextClient
{
    public const string Capability = "stt";

    private readonly ProviderChain<ISpeechToTextClient> _chain;
    private readonly SpeechToTextClientMetadata _metadata;

    public FallbackSpeechToTextClient(IReadOnlyList<NamedClient<ISpeechToTextClient>> providers, ILogger? logger = null)
    {
        _chain = new ProviderChain<ISpeechToTextClient>(Capability, providers, logger);
        var first = providers[0].Client.GetService<SpeechToTextClientMetadata>();
        _metadata = new SpeechToTextClientMetadata($"fallback({string.Join(',', providers.Select(p => p.Name))})", first?.ProviderUri, first?.DefaultModelId);
    }

    public IReadOnlyList<string> ProviderNames => [.. _chain.Providers.Select(p => p.Name)];

    public async Task<SpeechToTextResponse> GetTextAsync(Stream audioSpeechStream, SpeechToTextOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(audioSpeechStream);
        byte[] audio = await ReplayableAudio.ReadAllAsync(audioSpeechStream, cancellationToken).ConfigureAwait(false);
        var (response, provenance) = await _chain.ExecuteAsync(
            (client, token) => client.GetTextAsync(new MemoryStream(audio, writable: false), options?.Clone(), token),
            cancellationToken).ConfigureAwait(false);
        var properties = response.AdditionalProperties;
        EngineProvenanceExtensions.SetProvenance(ref properties, provenance);
        response.AdditionalProperties = properties;
        return response;
    }

    public async IAsyncEnumerable<SpeechToTextResponseUpdate> GetStreamingTextAsync(
        Stream audioSpeechStream, SpeechToTextOptions? options = null, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        var response = await GetTextAsync(audioSpeechStream, options, cancellationToken).ConfigureAwait(false);
        foreach (var update in response.ToSpeechToTextResponseUpdates())
        {
            update.AdditionalProperties = response.AdditionalProperties;
            yield return update;
        }
    }

    /// <summary>With a provider name as key, returns that provider's service (e.g. its metadata).</summary>
    public object? GetService(Type serviceType, object? serviceKey = null)
    {
        ArgumentNullException.ThrowIfNull(serviceType);
        if (serviceKey is string name)
        {
            return _chain.Providers.FirstOrDefault(p => p.Name == name).Client?.GetService(serviceType);
        }

        return serviceKey is not null ? null
            : serviceType == typeof(SpeechToTextClientMetadata) ? _metadata
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
