namespace WarmTransfer.ControlApi.Idempotency;

/// <summary>What a request with an idempotency key found.</summary>
internal enum ReservationStatus
{
    /// <summary>First use of the key: run the command, then store its response.</summary>
    Reserved,

    /// <summary>The key was used before with the same request: replay the stored response.</summary>
    Replay,

    /// <summary>The key's first request is still running.</summary>
    InProgress,

    /// <summary>The key was used before with a different request.</summary>
    Mismatch,
}
