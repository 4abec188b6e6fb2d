using Microsoft.Extensions.AI;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using WarmTransfer.TransferAgent.Resilience;

namespace WarmTransfer.TransferAgent.SpeechToText;

public static class SpeechToTextClientBuilderExtensions
{
    /// <summary>Adds <see cref="RetryingSpeechToTextClient"/> for provider <paramref name="provider"/>.</summary>
    public static SpeechToTextClientBuilder UseEngineRetry(this SpeechToTextClientBuilder builder, string provider, EngineResilienceOptions options)
    {
        ArgumentNullException.ThrowIfNull(builder);
        return builder.Use((inner, services) => new RetryingSpeechToTextClient(
            inner,
            new EngineResilience(provider, options, services.GetService<TimeProvider>(), services.GetService<ILoggerFactory>()?.CreateLogger<RetryingSpeechToTextClient>())));
    }

    /// <summary>Adds <see cref="RedactedLoggingSpeechToTextClient"/> (the logger factory comes from DI when not given).</summary>
    public static SpeechToTextClientBuilder UseRedactedLogging(this SpeechToTextClientBuilder builder, ILoggerFactory? loggerFactory = null)
    {
        ArgumentNullException.ThrowIfNull(builder);
        return builder.Use((inner, services) => new RedactedLoggingSpeechToTextClient(
            inner,
            (loggerFactory ?? services.GetService<ILoggerFactory>() ?? NullLoggerFactory.Instance).CreateLogger<RedactedLoggingSpeechToTextClient>()));
    }
}
