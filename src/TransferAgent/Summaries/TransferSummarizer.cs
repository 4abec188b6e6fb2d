using System.Text.RegularExpressions;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using WarmTransfer.TransferAgent.Language;
using WarmTransfer.TransferAgent.Resilience;

namespace WarmTransfer.TransferAgent.Summaries;

/// <summary>
/// Produces Agent B's briefing from a transfer context: builds the chat request (the prompt file as the system
/// message, <see cref="SummaryRequestFormat"/> as the user message), calls the summary <see cref="IChatClient"/>
/// (normally the fallback chain), and makes the answer speakable: markdown removed, cut at a sentence boundary to the
/// spoken-word budget whatever the provider returned.
/// </summary>
/// <remarks>Thread-safe; one instance serves every transfer.</remarks>
public sealed partial class TransferSummarizer(IChatClient chatClient, SummaryPrompt prompt, int maxSpokenWords = 75, ILogger<TransferSummarizer>? logger = null)
{
    private readonly ILogger _logger = (ILogger?)logger ?? NullLogger.Instance;

    public int MaxSpokenWords { get; } = maxSpokenWords;

    public async Task<TransferSummary> SummarizeAsync(TransferContext context, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(context);
        ChatMessage[] messages =
        [
            new(ChatRole.System, prompt.Text),
            new(ChatRole.User, SummaryRequestFormat.Format(context)),
        ];
        var response = await chatClient.GetResponseAsync(messages, new ChatOptions(), cancellationToken).ConfigureAwait(false);
        string text = Bound(Clean(response.Text));
        if (text.Length == 0)
        {
            throw new EngineException("The summary provider returned no text.", EngineErrorKind.ServerError, response.GetProvenance()?.ServedBy);
        }

        var provenance = response.GetProvenance();
        string speakable = SpeakableText.Format(text);
        var duration = SpeakableText.EstimateDuration(speakable);
        if (_logger.IsEnabled(LogLevel.Information))
        {
            string servedBy = provenance?.ToString() ?? "provider";
            int words = SpeakableText.EstimateSpokenWords(speakable);
            LogSummarized(_logger, context.TransferId, servedBy, words, duration.TotalSeconds);
        }

        return new TransferSummary(text, speakable, duration, provenance);
    }

    /// <summary>One paragraph of plain text: markdown and list markers removed, whitespace collapsed.</summary>
    internal static string Clean(string text)
    {
        string s = ListMarker().Replace(text, " ");
        s = MarkdownChars().Replace(s, "");
        return Whitespace().Replace(s, " ").Trim();
    }

    /// <summary>Keeps whole sentences up to the spoken-word budget (cutting the first sentence only if it alone is too long).</summary>
    internal string Bound(string text)
    {
        if (SpeakableText.EstimateSpokenWords(text) <= MaxSpokenWords)
        {
            return text;
        }

        var kept = new List<string>();
        foreach (string sentence in SentenceSplitter.Split(text))
        {
            if (SpeakableText.EstimateSpokenWords(string.Join(' ', [.. kept, sentence])) > MaxSpokenWords)
            {
                break;
            }

            kept.Add(sentence);
        }

        if (kept.Count > 0)
        {
            // Keep the hand-over instruction if the provider wrote one: it matters most to Agent B.
            string? next = SentenceSplitter.Split(text).FirstOrDefault(s => s.StartsWith("Next step", StringComparison.OrdinalIgnoreCase));
            while (next is not null && !kept.Contains(next) && kept.Count > 1
                && SpeakableText.EstimateSpokenWords(string.Join(' ', [.. kept, next])) > MaxSpokenWords)
            {
                kept.RemoveAt(kept.Count - 1);
            }

            if (next is not null && !kept.Contains(next) && SpeakableText.EstimateSpokenWords(string.Join(' ', [.. kept, next])) <= MaxSpokenWords)
            {
                kept.Add(next);
            }

            return string.Join(' ', kept);
        }

        var words = text.Split(' ');
        int n = words.Length;
        while (n > 1 && SpeakableText.EstimateSpokenWords(string.Join(' ', words[..n])) > MaxSpokenWords)
        {
            n--;
        }

        return string.Join(' ', words[..n]).TrimEnd(',', ';') + ".";
    }

    [LoggerMessage(EventId = 3600, Level = LogLevel.Information, Message = "Summary for transfer {TransferId} by {ServedBy}: {Words} spoken words, about {Seconds:0} s")]
    private static partial void LogSummarized(ILogger logger, string transferId, string servedBy, int words, double seconds);

    [GeneratedRegex(@"(?m)^\s*(?:[-*•]|\d+[.)])\s+")]
    private static partial Regex ListMarker();

    [GeneratedRegex(@"[*_#`>]+")]
    private static partial Regex MarkdownChars();

    [GeneratedRegex(@"\s+")]
    private static partial Regex Whitespace();
}
