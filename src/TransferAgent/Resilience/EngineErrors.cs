using System.ClientModel;
using System.Globalization;
using System.Net;
using Polly.Timeout;

namespace WarmTransfer.TransferAgent.Resilience;

/// <summary>Maps whatever a provider threw onto the <see cref="EngineErrorKind"/> taxonomy.</summary>
public static class EngineErrors
{
    /// <summary>
    /// Classifies <paramref name="exception"/> thrown by <paramref name="provider"/>. Callers must check their own
    /// cancellation first: a cancelled caller is not a provider failure.
    /// </summary>
    public static EngineException Classify(Exception exception, string provider)
    {
        ArgumentNullException.ThrowIfNull(exception);
        switch (exception)
        {
            case EngineException engine when engine.Provider is not null:
                return engine;
            case EngineException engine:
                return new EngineException(engine.Message, engine.Kind, provider, engine.StatusCode, engine.RetryAfter, engine.Failures, engine.InnerException);
            case TimeoutRejectedException or TimeoutException or OperationCanceledException:
                return new EngineException($"{provider} did not answer in time.", EngineErrorKind.Timeout, provider, innerException: exception);
            case HttpRequestException { StatusCode: { } status }:
                return FromStatus(provider, (int)status, retryAfter: null, errorCode: null);
            case HttpRequestException http:
                return new EngineException($"{provider} could not be reached ({http.HttpRequestError}).", EngineErrorKind.Unavailable, provider);
            case ClientResultException { Status: 0 } client:
                // The OpenAI SDK reports transport failures with status 0; the inner exception says which.
                return client.InnerException is { } inner and not ClientResultException
                    ? Classify(inner, provider)
                    : new EngineException($"{provider} could not be reached.", EngineErrorKind.Unavailable, provider);
            case ClientResultException client:
                return FromStatus(provider, client.Status, RetryAfterOf(client), errorCode: null);
            case DllNotFoundException or EntryPointNotFoundException:
                return new EngineException($"{provider} is not installed: {exception.Message}", EngineErrorKind.NotInstalled, provider, innerException: exception);
            case InvalidDataException or NotSupportedException:
                return new EngineException($"{provider} cannot handle this input: {exception.Message}", EngineErrorKind.UnsupportedInput, provider, innerException: exception);
            default:
                return new EngineException($"{provider} failed unexpectedly ({exception.GetType().Name}).", EngineErrorKind.Unknown, provider, innerException: exception);
        }
    }

    /// <summary>The taxonomy entry for an HTTP status (used by our REST providers and for SDK exceptions).</summary>
    public static EngineException FromStatus(string provider, int status, TimeSpan? retryAfter, string? errorCode)
    {
        var kind = status switch
        {
            408 => EngineErrorKind.Timeout,
            429 => EngineErrorKind.RateLimited,
            401 or 403 => EngineErrorKind.Unauthorized,
            >= 500 => EngineErrorKind.ServerError,
            _ => EngineErrorKind.BadRequest,
        };
        string reason = Enum.IsDefined((HttpStatusCode)status) ? ((HttpStatusCode)status).ToString() : "HTTP error";
        string code = string.IsNullOrEmpty(errorCode) ? "" : $", code {errorCode}";
        return new EngineException(
            string.Create(CultureInfo.InvariantCulture, $"{provider} answered HTTP {status} ({reason}{code})."),
            kind,
            provider,
            status,
            retryAfter);
    }

    /// <summary>Reads a Retry-After header value: delta-seconds or an HTTP date.</summary>
    public static TimeSpan? ParseRetryAfter(string? value, DateTimeOffset now)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            return null;
        }

        if (double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out double seconds) && seconds >= 0)
        {
            return TimeSpan.FromSeconds(seconds);
        }

        return DateTimeOffset.TryParse(value, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var date) && date > now
            ? date - now
            : null;
    }

    private static TimeSpan? RetryAfterOf(ClientResultException exception)
    {
        var response = exception.GetRawResponse();
        return response is not null && response.Headers.TryGetValue("Retry-After", out string? value)
            ? ParseRetryAfter(value, DateTimeOffset.UtcNow)
            : null;
    }
}
