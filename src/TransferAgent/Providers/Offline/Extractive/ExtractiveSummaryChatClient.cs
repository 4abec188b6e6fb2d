using System.Runtime.CompilerServices;
using Microsoft.Extensions.AI;
using WarmTransfer.TransferAgent.Summaries;

namespace WarmTransfer.TransferAgent.Providers.Offline.Extractive;

/// <summary>
/// <see cref="IChatClient"/> over <see cref="ExtractiveSummarizer"/>, so the offline summariser sits in the same
/// provider chain as LLMs. It ignores the system prompt and reads the last user message: in
/// <see cref="SummaryRequestFormat"/> it gets speakers and notes; any other text is summarised as the caller's words.
/// </summary>
internal sealed class ExtractiveSummaryChatClient(ExtractiveSummarizer summarizer) : IChatClient
{
    private readonly ChatClientMetadata _metadata = new(ExtractiveSummarizer.ProviderName, null, ExtractiveSummarizer.ModelId);

    public Task<ChatResponse> GetResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(messages);
        cancellationToken.ThrowIfCancellationRequested();
        string request = messages.LastOrDefault(m => m.Role == ChatRole.User)?.Text ?? "";
        if (!SummaryRequestFormat.TryParse(request, out var context))
        {
            context = new TransferContext { TransferId = "", Transcript = [new TranscriptLine(TranscriptSpeaker.Caller, request)] };
        }

        string summary = summarizer.Summarize(context);
        return Task.FromResult(new ChatResponse(new ChatMessage(ChatRole.Assistant, summary))
        {
            ModelId = ExtractiveSummarizer.ModelId,
            FinishReason = ChatFinishReason.Stop,
            CreatedAt = null,
        });
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

    public object? GetService(Type serviceType, object? serviceKey = null)
    {
        ArgumentNullException.ThrowIfNull(serviceType);
        return serviceKey is not null ? null
            : serviceType == typeof(ChatClientMetadata) ? _metadata
            : serviceType == typeof(ExtractiveSummarizer) ? summarizer
            : serviceType.IsInstanceOfType(this) ? this
            : null;
    }

    public void Dispose()
    {
        // Stateless.
    }
}
