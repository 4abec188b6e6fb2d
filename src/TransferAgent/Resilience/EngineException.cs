namespace WarmTransfer.TransferAgent.Resilience;

/// <summary>
/// A provider failure in the engine taxonomy. The message is sanitised: it names the provider, the status and the
/// kind, never an API key or a response body (bodies can echo request content). When the cause is an HTTP client
/// exception that carries a body, it is not attached as the inner exception for the same reason.
/// </summary>
public sealed class EngineException : Exception
{
    public EngineException()
        : this("A speech or language provider failed.", EngineErrorKind.Unknown)
    {
    }

    public EngineException(string message)
        : this(message, EngineErrorKind.Unknown)
    {
    }

    public EngineException(string message, Exception innerException)
        : this(message, EngineErrorKind.Unknown, innerException: innerException)
    {
    }

    public EngineException(
        string message,
        EngineErrorKind kind,
        string? provider = null,
        int? statusCode = null,
        TimeSpan? retryAfter = null,
        IReadOnlyList<ProviderFailure>? failures = null,
        Exception? innerException = null)
        : base(message, innerException)
    {
        Kind = kind;
        Provider = provider;
        StatusCode = statusCode;
        RetryAfter = retryAfter;
        Failures = failures ?? [];
    }

    public EngineErrorKind Kind { get; }

    /// <summary>The configured provider name, when one provider is to blame.</summary>
    public string? Provider { get; }

    public int? StatusCode { get; }

    /// <summary>The server's Retry-After, when it sent one.</summary>
    public TimeSpan? RetryAfter { get; }

    /// <summary>For <see cref="EngineErrorKind.AllProvidersFailed"/>: each provider's failure, in the order tried.</summary>
    public IReadOnlyList<ProviderFailure> Failures { get; }

    public bool IsRetryable => IsRetryableKind(Kind);

    public static bool IsRetryableKind(EngineErrorKind kind) =>
        kind is EngineErrorKind.Timeout or EngineErrorKind.RateLimited or EngineErrorKind.ServerError or EngineErrorKind.Unavailable;
}
