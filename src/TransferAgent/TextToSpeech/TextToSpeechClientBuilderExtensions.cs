using Microsoft.Extensions.AI;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using WarmTransfer.TransferAgent.Resilience;

namespace WarmTransfer.TransferAgent.TextToSpeech;

public static class TextToSpeechClientBuilderExtensions
{
    /// <summary>Adds <see cref="RetryingTextToSpeechClient"/> for provider <paramref name="provider"/>.</summary>
    public static TextToSpeechClientBuilder UseEngineRetry(this TextToSpeechClientBuilder builder, string provider, EngineResilienceOptions options)
    {
        ArgumentNullException.ThrowIfNull(builder);
        return builder.Use((inner, services) => new RetryingTextToSpeechClient(
            inner,
            new EngineResilience(provider, options, services.GetService<TimeProvider>(), services.GetService<ILoggerFactory>()?.CreateLogger<RetryingTextToSpeechClient>())));
    }

    /// <summary>Adds <see cref="PcmOutputTextToSpeechClient"/>: every response becomes 16-bit mono PCM at <paramref name="sampleRate"/>.</summary>
    public static TextToSpeechClientBuilder UsePcmOutput(this TextToSpeechClientBuilder builder, int sampleRate)
    {
        ArgumentNullException.ThrowIfNull(builder);
        return builder.Use(inner => new PcmOutputTextToSpeechClient(inner, sampleRate));
    }

    /// <summary>Adds <see cref="RedactedLoggingTextToSpeechClient"/>.</summary>
    public static TextToSpeechClientBuilder UseRedactedLogging(this TextToSpeechClientBuilder builder, ILoggerFactory? loggerFactory = null)
    {
        ArgumentNullException.ThrowIfNull(builder);
        return builder.Use((inner, services) => new RedactedLoggingTextToSpeechClient(
            inner,
            (loggerFactory ?? services.GetService<ILoggerFactory>() ?? NullLoggerFactory.Instance).CreateLogger<RedactedLoggingTextToSpeechClient>()));
    }
}
