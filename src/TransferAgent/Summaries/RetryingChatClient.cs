using System.Runtime.CompilerServices;
using Microsoft.Extensions.AI;
using WarmTransfer.TransferAgent.Resilience;

namespace WarmTransfer.TransferAgent.Summaries;

/// <summary>Runs each call to one chat provider under its <see cref="EngineResilience"/> policy (streaming: until the whole answer is in).</summary>
public sealed class RetryingChatClient(IChatClient innerClient, EngineResilience resilience) : DelegatingChatClient(innerClient)
{
    public override Task<ChatResponse> GetResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default)
    {
        var list = messages as IList<ChatMessage> ?? [.. messages];
        return resilience.ExecuteAsync(token => base.GetResponseAsync(list, options?.Clone(), token), cancellationToken);
    }

    public override async IAsyncEnumerable<ChatResponseUpdate> GetStreamingResponseAsync(
        IEnumerable<ChatMessage> messages, ChatOptions? options = null, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        var response = await GetResponseAsync(messages, options, cancellationToken).ConfigureAwait(false);
        foreach (var update in response.ToChatResponseUpdates())
        {
            yield return update;
        }
    }
}
