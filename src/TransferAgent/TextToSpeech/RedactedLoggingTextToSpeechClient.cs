using System.Diagnostics;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Logging;
using WarmTransfer.TransferAgent.Resilience;

namespace WarmTransfer.TransferAgent.TextToSpeech;

/// <summary>
/// Logs synthesis calls without audio: serving provider, text length, audio bytes and time at Debug, the text only at
/// Trace, failures by kind at Warning. (A generic logging client would serialise the response, audio included.)
/// </summary>
public sealed partial class RedactedLoggingTextToSpeechClient(ITextToSpeechClient innerClient, ILogger logger) : DelegatingTextToSpeechClient(innerClient)
{
    public override async Task<TextToSpeechResponse> GetAudioAsync(string text, TextToSpeechOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(text);
        long started = Stopwatch.GetTimestamp();
        LogText(logger, text);
        try
        {
            var response = await base.GetAudioAsync(text, options, cancellationToken).ConfigureAwait(false);
            if (logger.IsEnabled(LogLevel.Debug))
            {
                string servedBy = response.GetProvenance()?.ToString() ?? "provider";
                long bytes = response.Contents.OfType<DataContent>().Sum(d => (long)d.Data.Length);
                double elapsedMs = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
                LogSynthesized(logger, servedBy, text.Length, bytes, elapsedMs);
            }

            return response;
        }
        catch (EngineException ex)
        {
            LogFailed(logger, ex.Kind, ex.Failures.Count);
            throw;
        }
    }

    [LoggerMessage(EventId = 3400, Level = LogLevel.Debug, Message = "Speech synthesised by {ServedBy}: {Characters} characters to {Bytes} bytes in {ElapsedMs:0} ms")]
    private static partial void LogSynthesized(ILogger logger, string servedBy, int characters, long bytes, double elapsedMs);

    [LoggerMessage(EventId = 3401, Level = LogLevel.Trace, Message = "Text to synthesise: {Text}")]
    private static partial void LogText(ILogger logger, string text);

    [LoggerMessage(EventId = 3402, Level = LogLevel.Warning, Message = "Speech synthesis failed ({Kind}; {Failures} provider failure(s))")]
    private static partial void LogFailed(ILogger logger, EngineErrorKind kind, int failures);
}
