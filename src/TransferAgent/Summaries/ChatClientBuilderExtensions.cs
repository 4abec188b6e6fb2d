using Microsoft.Extensions.AI;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using WarmTransfer.TransferAgent.Resilience;

namespace WarmTransfer.TransferAgent.Summaries;

public static class ChatClientBuilderExtensions
{
    /// <summary>Adds <see cref="RetryingChatClient"/> for provider <paramref name="provider"/>.</summary>
    public static ChatClientBuilder UseEngineRetry(this ChatClientBuilder builder, string provider, EngineResilienceOptions options)
    {
        ArgumentNullException.ThrowIfNull(builder);
        return builder.Use((inner, services) => new RetryingChatClient(
            inner,
            new EngineResilience(provider, options, services.GetService<TimeProvider>(), services.GetService<ILoggerFactory>()?.CreateLogger<RetryingChatClient>())));
    }

    /// <summary>Adds <see cref="RedactedLoggingChatClient"/>.</summary>
    public static ChatClientBuilder UseRedactedLogging(this ChatClientBuilder builder, ILoggerFactory? loggerFactory = null)
    {
        ArgumentNullException.ThrowIfNull(builder);
        return builder.Use((inner, services) => new RedactedLoggingChatClient(
            inner,
            (loggerFactory ?? services.GetService<ILoggerFactory>() ?? NullLoggerFactory.Instance).CreateLogger<RedactedLoggingChatClient>()));
    }
}
