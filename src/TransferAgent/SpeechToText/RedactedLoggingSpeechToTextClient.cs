using System.Diagnostics;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Logging;
using WarmTransfer.TransferAgent.Resilience;

namespace WarmTransfer.TransferAgent.SpeechToText;

/// <summary>
/// Logs recognition calls without their content: timing, audio size and serving provider at Debug, the transcript
/// only at Trace, failures by kind at Warning. Never logs audio, options' raw representations or keys (unlike a
/// generic logging client, which serialises whole requests and responses).
/// </summary>
public sealed partial class RedactedLoggingSpeechToTextClient(ISpeechToTextClient innerClient, ILogger logger) : DelegatingSpeechToTextClient(innerClient)
{
    public override async Task<SpeechToTextResponse> GetTextAsync(Stream audioSpeechStream, SpeechToTextOptions? options = null, CancellationToken cancellationToken = default)
    {
        long started = Stopwatch.GetTimestamp();
        try
        {
            var response = await base.GetTextAsync(audioSpeechStream, options, cancellationToken).ConfigureAwait(false);
            if (logger.IsEnabled(LogLevel.Debug))
            {
                string servedBy = response.GetProvenance()?.ToString() ?? "provider";
                double elapsedMs = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
                LogRecognized(logger, servedBy, response.Text.Length, elapsedMs);
            }

            LogTranscript(logger, response.Text);
            return response;
        }
        catch (EngineException ex)
        {
            LogFailed(logger, ex.Kind, ex.Failures.Count);
            throw;
        }
    }

    [LoggerMessage(EventId = 3300, Level = LogLevel.Debug, Message = "Speech recognised by {ServedBy}: {Characters} characters in {ElapsedMs:0} ms")]
    private static partial void LogRecognized(ILogger logger, string servedBy, int characters, double elapsedMs);

    [LoggerMessage(EventId = 3301, Level = LogLevel.Trace, Message = "Recognised text: {Text}")]
    private static partial void LogTranscript(ILogger logger, string text);

    [LoggerMessage(EventId = 3302, Level = LogLevel.Warning, Message = "Speech recognition failed ({Kind}; {Failures} provider failure(s))")]
    private static partial void LogFailed(ILogger logger, EngineErrorKind kind, int failures);
}
