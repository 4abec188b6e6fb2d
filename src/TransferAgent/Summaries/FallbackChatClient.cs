using System.Runtime.CompilerServices;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Logging;
using WarmTransfer.TransferAgent.Resilience;

namespace WarmTransfer.TransferAgent.Summaries;

/// <summary>
/// Tries each configured summary provider in order (e.g. openai, then the offline extractive summariser); the
/// response carries an <see cref="EngineProvenance"/>. Streaming yields the serving provider's complete answer: a
/// briefing is spoken only once it is whole, so there is nothing to gain from falling back mid-stream.
/// </summary>
/// <remarks>Owns its providers: disposing the fallback client disposes them.</remarks>
public sealed class FallbackChatClient : IChatClient
{
    public const string Capability = "summary";

    private readonly ProviderChain<IChatClient> _chain;
    private readonly ChatClientMetadata _metadata;

    public FallbackChatClient(IReadOnlyList<NamedClient<IChatClient>> providers, ILogger? logger = null)
    {
        _chain = new ProviderChain<IChatClient>(Capability, providers, logger);
        var first = providers[0].Client.GetService<ChatClientMetadata>();
        _metadata = new ChatClientMetadata($"fallback({string.Join(',', providers.Select(p => p.Name))})", first?.ProviderUri, first?.DefaultModelId);
    }

    public async Task<ChatResponse> GetResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default)
    {
        var list = messages as IList<ChatMessage> ?? [.. messages];
        var (response, provenance) = await _chain.ExecuteAsync(
            (client, token) => client.GetResponseAsync(list, options?.Clone(), token),
            cancellationToken).ConfigureAwait(false);
        var properties = response.AdditionalProperties;
        EngineProvenanceExtensions.SetProvenance(ref properties, provenance);
        response.AdditionalProperties = properties;
        return response;
    }

    public async IAsyncEnumerable<ChatResponseUpdate> GetStreamingResponseAsync(
        IEnumerable<ChatMessage> messages, ChatOptions? options = null, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        var response = await GetResponseAsync(messages, options, cancellationToken).ConfigureAwait(false);
        foreach (var update in response.ToChatResponseUpdates())
        {
            yield return update;
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
            : serviceType == typeof(ChatClientMetadata) ? _metadata
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
