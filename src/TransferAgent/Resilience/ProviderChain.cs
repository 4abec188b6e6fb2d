using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace WarmTransfer.TransferAgent.Resilience;

/// <summary>
/// The fallback loop shared by the three capabilities: try each provider in the configured order, record why each
/// failed, return the first answer together with its <see cref="EngineProvenance"/>. A cancelled caller stops the
/// chain at once (it is not a provider failure).
/// </summary>
/// <typeparam name="TClient">The capability's client interface.</typeparam>
internal sealed partial class ProviderChain<TClient>
    where TClient : class
{
    private readonly ILogger _logger;

    public ProviderChain(string capability, IReadOnlyList<NamedClient<TClient>> providers, ILogger? logger)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(capability);
        ArgumentNullException.ThrowIfNull(providers);
        if (providers.Count == 0)
        {
            throw new ArgumentException($"A {capability} fallback chain needs at least one provider.", nameof(providers));
        }

        Capability = capability;
        Providers = providers;
        _logger = logger ?? NullLogger.Instance;
    }

    public string Capability { get; }

    public IReadOnlyList<NamedClient<TClient>> Providers { get; }

    public async Task<(TResult Result, EngineProvenance Provenance)> ExecuteAsync<TResult>(
        Func<TClient, CancellationToken, Task<TResult>> call,
        CancellationToken cancellationToken)
    {
        List<ProviderFailure>? failures = null;
        for (int i = 0; i < Providers.Count; i++)
        {
            var (name, client) = Providers[i];
            try
            {
                var result = await call(client, cancellationToken).ConfigureAwait(false);
                var provenance = new EngineProvenance(Capability, name, failures ?? (IReadOnlyList<ProviderFailure>)[]);
                if (provenance.FellBack)
                {
                    LogServedByFallback(_logger, Capability, name, failures!.Count);
                }

                return (result, provenance);
            }
            catch (Exception ex) when (!cancellationToken.IsCancellationRequested)
            {
                var error = EngineErrors.Classify(ex, name);
                (failures ??= []).Add(new ProviderFailure(name, error.Kind, error.Message));
                string next = i + 1 < Providers.Count ? Providers[i + 1].Name : "none";
                // The sanitised message only: raw exceptions can carry response bodies.
                LogProviderFailed(_logger, Capability, name, error.Kind, error.StatusCode, next);
            }
        }

        LogAllFailed(_logger, Capability, failures!.Count);
        throw new EngineException(
            $"Every {Capability} provider failed: {string.Join("; ", failures.Select(f => f.Message))}",
            EngineErrorKind.AllProvidersFailed,
            failures: failures);
    }

    [LoggerMessage(EventId = 3000, Level = LogLevel.Warning, Message = "{Capability} provider {Provider} failed ({Kind}, status {Status}); next: {Next}")]
    private static partial void LogProviderFailed(ILogger logger, string capability, string provider, EngineErrorKind kind, int? status, string next);

    [LoggerMessage(EventId = 3001, Level = LogLevel.Information, Message = "{Capability} served by fallback provider {Provider} after {Failures} failure(s)")]
    private static partial void LogServedByFallback(ILogger logger, string capability, string provider, int failures);

    [LoggerMessage(EventId = 3002, Level = LogLevel.Error, Message = "Every {Capability} provider failed ({Failures} tried)")]
    private static partial void LogAllFailed(ILogger logger, string capability, int failures);
}
