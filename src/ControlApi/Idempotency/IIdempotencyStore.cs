namespace WarmTransfer.ControlApi.Idempotency;

/// <summary>
/// Durable idempotency keys. A key is scoped (actor and operation) and bound to a hash of the request. Reservation is
/// atomic: of two concurrent requests with one key, exactly one gets <see cref="ReservationStatus.Reserved"/>.
/// </summary>
internal interface IIdempotencyStore
{
    /// <param name="staleAfter">A reservation older than this without a response is taken over (its process died mid-command).</param>
    Task<IdempotencyReservation> ReserveAsync(string scope, string key, string requestHash, DateTimeOffset now, TimeSpan staleAfter, CancellationToken cancellationToken);

    Task CompleteAsync(string scope, string key, StoredResponse response, DateTimeOffset now, CancellationToken cancellationToken);

    /// <summary>Drops a reservation whose command threw, so the client may retry with the same key.</summary>
    Task ReleaseAsync(string scope, string key, CancellationToken cancellationToken);

    Task<int> PruneAsync(DateTimeOffset olderThan, CancellationToken cancellationToken);
}
