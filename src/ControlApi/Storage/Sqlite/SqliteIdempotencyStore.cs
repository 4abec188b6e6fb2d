using Dapper;
using WarmTransfer.ControlApi.Idempotency;
using static WarmTransfer.ControlApi.Storage.Sqlite.UnixTime;

namespace WarmTransfer.ControlApi.Storage.Sqlite;

/// <summary>SQLite <see cref="IIdempotencyStore"/>: reservation is an insert-or-inspect inside one write transaction.</summary>
internal sealed class SqliteIdempotencyStore(SqliteDatabase database) : IIdempotencyStore
{
    public Task<IdempotencyReservation> ReserveAsync(string scope, string key, string requestHash, DateTimeOffset now, TimeSpan staleAfter, CancellationToken cancellationToken) =>
        database.WriteAsync(
            async (connection, transaction) =>
            {
                var inserted = await connection.ExecuteAsync(
                    "INSERT INTO idempotency_keys (scope, key, request_hash, created_at) VALUES (@scope, @key, @requestHash, @now) ON CONFLICT (scope, key) DO NOTHING",
                    new { scope, key, requestHash, now = Ms(now) },
                    transaction).ConfigureAwait(false);
                if (inserted == 1)
                {
                    return new IdempotencyReservation(ReservationStatus.Reserved);
                }

                var row = await connection.QuerySingleAsync<KeyRow>(
                    "SELECT request_hash AS RequestHash, status_code AS StatusCode, content_type AS ContentType, body AS Body, location AS Location, created_at AS CreatedAt FROM idempotency_keys WHERE scope = @scope AND key = @key",
                    new { scope, key },
                    transaction).ConfigureAwait(false);
                if (row.RequestHash != requestHash)
                {
                    return new IdempotencyReservation(ReservationStatus.Mismatch);
                }

                if (row.StatusCode is { } status)
                {
                    return new IdempotencyReservation(ReservationStatus.Replay, new StoredResponse((int)status, row.ContentType, row.Body, row.Location));
                }

                if (At(row.CreatedAt) >= now - staleAfter)
                {
                    return new IdempotencyReservation(ReservationStatus.InProgress);
                }

                await connection.ExecuteAsync(
                    "UPDATE idempotency_keys SET created_at = @now WHERE scope = @scope AND key = @key", new { scope, key, now = Ms(now) }, transaction).ConfigureAwait(false);
                return new IdempotencyReservation(ReservationStatus.Reserved);
            },
            cancellationToken);

    public Task CompleteAsync(string scope, string key, StoredResponse response, DateTimeOffset now, CancellationToken cancellationToken) =>
        database.WriteAsync(
            "UPDATE idempotency_keys SET status_code = @StatusCode, content_type = @ContentType, body = @Body, location = @Location, completed_at = @now WHERE scope = @scope AND key = @key",
            new { scope, key, response.StatusCode, response.ContentType, response.Body, response.Location, now = Ms(now) },
            cancellationToken);

    public Task ReleaseAsync(string scope, string key, CancellationToken cancellationToken) =>
        database.WriteAsync("DELETE FROM idempotency_keys WHERE scope = @scope AND key = @key AND status_code IS NULL", new { scope, key }, cancellationToken);

    public Task<int> PruneAsync(DateTimeOffset olderThan, CancellationToken cancellationToken) =>
        database.WriteAsync("DELETE FROM idempotency_keys WHERE created_at < @at", new { at = Ms(olderThan) }, cancellationToken);

    private sealed class KeyRow
    {
        public string RequestHash { get; set; } = string.Empty;

        public long? StatusCode { get; set; }

        public string? ContentType { get; set; }

        public string? Body { get; set; }

        public string? Location { get; set; }

        public long CreatedAt { get; set; }
    }
}
