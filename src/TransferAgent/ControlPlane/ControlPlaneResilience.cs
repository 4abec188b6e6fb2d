using System.Net;
using Microsoft.Extensions.Logging;
using Polly;
using Polly.Retry;
using Polly.Timeout;

namespace WarmTransfer.TransferAgent.ControlPlane;

/// <summary>
/// The control API client's Polly pipeline: retries outside, a per-attempt time-out inside. Transient means no answer
/// (connection refused/reset, attempt time-out) or an answer of 408, 429 or 5xx. A <c>Retry-After</c> of up to
/// <see cref="MaxRetryAfter"/> replaces the computed back-off.
/// </summary>
internal static partial class ControlPlaneResilience
{
    public static readonly TimeSpan MaxRetryAfter = TimeSpan.FromSeconds(30);

    public static ResiliencePipeline<HttpResponseMessage> Build(ControlApiOptions options, TimeProvider timeProvider, ILogger logger)
    {
        var builder = new ResiliencePipelineBuilder<HttpResponseMessage> { TimeProvider = timeProvider };
        if (options.MaxRetries > 0)
        {
            builder.AddRetry(new RetryStrategyOptions<HttpResponseMessage>
            {
                MaxRetryAttempts = options.MaxRetries,
                Delay = options.RetryDelay,
                BackoffType = DelayBackoffType.Exponential,
                UseJitter = true,
                ShouldHandle = new PredicateBuilder<HttpResponseMessage>()
                    .Handle<HttpRequestException>()
                    .Handle<TimeoutRejectedException>()
                    .HandleResult(r => ControlApiException.IsTransientStatus(r.StatusCode)),
                DelayGenerator = static args => ValueTask.FromResult(RetryAfter(args.Outcome.Result)),
                OnRetry = args =>
                {
                    string outcome = args.Outcome.Exception?.GetType().Name ?? ((int)args.Outcome.Result!.StatusCode).ToString(System.Globalization.CultureInfo.InvariantCulture);
                    LogRetrying(logger, args.AttemptNumber + 1, outcome, args.RetryDelay.TotalMilliseconds);
                    args.Outcome.Result?.Dispose();
                    return default;
                },
            });
        }

        builder.AddTimeout(options.AttemptTimeout);
        return builder.Build();
    }

    /// <summary>The server's Retry-After (seconds or a date), when present and sensible; null lets Polly compute the back-off.</summary>
    internal static TimeSpan? RetryAfter(HttpResponseMessage? response)
    {
        var header = response?.Headers.RetryAfter;
        TimeSpan? wait = header?.Delta ?? (header?.Date is { } date ? date - DateTimeOffset.UtcNow : null);
        return wait is { } w && w >= TimeSpan.Zero && w <= MaxRetryAfter ? w : null;
    }

    [LoggerMessage(EventId = 3702, Level = LogLevel.Warning, Message = "Control API attempt {Attempt} failed ({Outcome}); retrying in {DelayMs:0} ms")]
    private static partial void LogRetrying(ILogger logger, int attempt, string outcome, double delayMs);
}
