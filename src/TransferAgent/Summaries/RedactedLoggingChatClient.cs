using System.Diagnostics;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Logging;
using WarmTransfer.TransferAgent.Resilience;

namespace WarmTransfer.TransferAgent.Summaries;

/// <summary>
/// Logs summary calls: serving provider, sizes and time at Debug; the prompt's user message and the summary only at
/// Trace (they are caller content); failures by kind at Warning.
/// </summary>
public sealed partial class RedactedLoggingChatClient(IChatClient innerClient, ILogger logger) : DelegatingChatClient(innerClient)
{
    public override async Task<ChatResponse> GetResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default)
    {
        var list = messages as IList<ChatMessage> ?? [.. messages];
        long started = Stopwatch.GetTimestamp();
        if (logger.IsEnabled(LogLevel.Trace))
        {
            LogRequest(logger, list.LastOrDefault(m => m.Role == ChatRole.User)?.Text ?? "");
        }

        try
        {
            var response = await base.GetResponseAsync(list, options, cancellationToken).ConfigureAwait(false);
            if (logger.IsEnabled(LogLevel.Debug))
            {
                string servedBy = response.GetProvenance()?.ToString() ?? "provider";
                int characters = response.Text.Length;
                double elapsedMs = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
                LogCompleted(logger, servedBy, characters, elapsedMs);
            }

            LogSummary(logger, response.Text);
            return response;
        }
        catch (EngineException ex)
        {
            LogFailed(logger, ex.Kind, ex.Failures.Count);
            throw;
        }
    }

    [LoggerMessage(EventId = 3500, Level = LogLevel.Debug, Message = "Summary produced by {ServedBy}: {Characters} characters in {ElapsedMs:0} ms")]
    private static partial void LogCompleted(ILogger logger, string servedBy, int characters, double elapsedMs);

    [LoggerMessage(EventId = 3501, Level = LogLevel.Trace, Message = "Summary request: {Request}")]
    private static partial void LogRequest(ILogger logger, string request);

    [LoggerMessage(EventId = 3502, Level = LogLevel.Trace, Message = "Summary: {Summary}")]
    private static partial void LogSummary(ILogger logger, string summary);

    [LoggerMessage(EventId = 3503, Level = LogLevel.Warning, Message = "Summary failed ({Kind}; {Failures} provider failure(s))")]
    private static partial void LogFailed(ILogger logger, EngineErrorKind kind, int failures);
}
