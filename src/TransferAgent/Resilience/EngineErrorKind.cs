namespace WarmTransfer.TransferAgent.Resilience;

/// <summary>
/// What went wrong with a speech or language provider, in terms the retry and fallback middleware act on.
/// <see cref="EngineException.IsRetryableKind"/> says which kinds are worth retrying on the same provider.
/// </summary>
public enum EngineErrorKind
{
    /// <summary>An error we could not classify; not retried.</summary>
    Unknown,

    /// <summary>The attempt exceeded its time limit, or the server answered 408. Retryable.</summary>
    Timeout,

    /// <summary>HTTP 429. Retryable, honouring Retry-After.</summary>
    RateLimited,

    /// <summary>HTTP 5xx, or the provider reported an internal error. Retryable.</summary>
    ServerError,

    /// <summary>The provider could not be reached (connection refused, DNS, reset). Retryable.</summary>
    Unavailable,

    /// <summary>HTTP 401/403: a wrong or missing key. Not retried; falls back.</summary>
    Unauthorized,

    /// <summary>HTTP 4xx other than the above: the request was rejected. Not retried; falls back.</summary>
    BadRequest,

    /// <summary>The input cannot be handled (audio format, empty text). Not retried.</summary>
    UnsupportedInput,

    /// <summary>An offline engine's native library or model is missing. Not retried.</summary>
    NotInstalled,

    /// <summary>An offline engine's native call failed. Not retried.</summary>
    NativeFailure,

    /// <summary>Every provider in a fallback chain failed; see <see cref="EngineException.Failures"/>.</summary>
    AllProvidersFailed,
}
