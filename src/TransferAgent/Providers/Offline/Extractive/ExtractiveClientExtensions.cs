using Microsoft.Extensions.AI;

namespace WarmTransfer.TransferAgent.Providers.Offline.Extractive;

public static class ExtractiveClientExtensions
{
    /// <summary>The offline summary provider (<c>extractive</c>) as a chat client.</summary>
    public static IChatClient AsIChatClient(this ExtractiveSummarizer summarizer)
    {
        ArgumentNullException.ThrowIfNull(summarizer);
        return new ExtractiveSummaryChatClient(summarizer);
    }
}
