using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Polly;
using Polly.Retry;
using Polly.Timeout;

namespace WarmTransfer.TransferAgent.Resilience;

/// <summary>
/// The per-provider Polly pipeline: retry (retryable <see cref="EngineException"/>s and attempt time-outs, honouring
/// Retry-After up to the cap) around a per-attempt time-out. Whatever escapes is an <see cref="EngineException"/>
/// for the provider, so the fallback middleware above sees one taxonomy.
/// </summary>
public sealed partial class EngineResilience
{
    private readonly ResiliencePipeline _pipeline;
    private readonly ILogger _logger;

    public EngineResilience(string provider, EngineResilienceOptions options, TimeProvider? timeProvider = null, ILogger? logger = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(provider);
        ArgumentNullException.ThrowIfNull(options);
        Provider = provider;
        _logger = logger ?? NullLogger.Instance;
        var builder = new ResiliencePipelineBuilder { TimeProvider = timeProvider ?? TimeProvider.System };
        if (options.MaxRetryAttempts > 0)
        {
            builder.AddRetry(new RetryStrategyOptions
            {
                MaxRetryAttempts = options.MaxRetryAttempts,
                Delay = options.BaseDelay,
                MaxDelay = options.MaxDelay,
                BackoffType = DelayBackoffType.Exponential,
                UseJitter = true,
                ShouldHandle = args => ValueTask.FromResult(args.Outcome.Exception is TimeoutRejectedException or EngineException { IsRetryable: true }),
                DelayGenerator = args => ValueTask.FromResult(
                    args.Outcome.Exception is EngineException { RetryAfter: { } after } ? (TimeSpan?)(after < options.MaxDelay ? after : options.MaxDelay) : null),
                OnRetry = args =>
                {
                    var kind = args.Outcome.Exception is EngineException e ? e.Kind : EngineErrorKind.Timeout;
                    LogRetrying(_logger, Provider, kind, args.AttemptNumber + 1, args.RetryDelay.TotalMilliseconds);
                    return ValueTask.CompletedTask;
                },
            });
        }

        builder.AddTimeout(options.AttemptTimeout);
        _pipeline = builder.Build();
    }

    public string Provider { get; }

    /// <summary>
    /// Runs <paramref name="attempt"/> under the policy. Cancellation by the caller propagates as
    /// <see cref="OperationCanceledException"/>; every other failure leaves as an <see cref="EngineException"/>.
    /// </summary>
    public async Task<TResult> ExecuteAsync<TResult>(Func<CancellationToken, Task<TResult>> attempt, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(attempt);
        try
        {
            return await _pipeline.ExecuteAsync(
                static async (state, token) =>
                {
                    try
                    {
                        return await state.attempt(token).ConfigureAwait(false);
                    }
                    catch (Exception ex) when (ex is not OperationCanceledException || !token.IsCancellationRequested)
                    {
                        // Classify inside the attempt so the retry predicate sees the taxonomy.
                        throw EngineErrors.Classify(ex, state.Provider);
                    }
                },
                (attempt, Provider),
                cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (!cancellationToken.IsCancellationRequested && ex is not EngineException)
        {
            throw EngineErrors.Classify(ex, Provider);
        }
    }

    [LoggerMessage(EventId = 3100, Level = LogLevel.Information, Message = "Retrying {Provider} after {Kind} (attempt {Attempt}) in {DelayMs:0} ms")]
    private static partial void LogRetrying(ILogger logger, string provider, EngineErrorKind kind, int attempt, double delayMs);
}
