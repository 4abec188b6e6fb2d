using Dapper;
using WarmTransfer.ControlApi.Events;
using static WarmTransfer.ControlApi.Storage.Sqlite.UnixTime;

namespace WarmTransfer.ControlApi.Storage.Sqlite;

/// <summary>SQLite <see cref="IAgentEventStore"/>; the row id is the SSE event id.</summary>
internal sealed class SqliteAgentEventStore(SqliteDatabase database) : IAgentEventStore
{
    public Task<IReadOnlyList<AgentEvent>> AppendAsync(IReadOnlyList<AgentEvent> events, CancellationToken cancellationToken) =>
        database.WriteAsync((connection, transaction) => SqliteAgentEventRows.InsertAsync(connection, transaction, events), cancellationToken);

    public async Task<IReadOnlyList<AgentEvent>> ReadAfterAsync(string agent, long afterId, int limit, CancellationToken cancellationToken)
    {
        var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using (connection.ConfigureAwait(false))
        {
            var rows = await connection.QueryAsync<EventRow>(
                new CommandDefinition(
                    "SELECT id AS Id, agent AS Agent, type AS Type, transfer_id AS TransferId, data AS Data, at AS At FROM agent_events WHERE agent = @agent AND id > @afterId ORDER BY id LIMIT @limit",
                    new { agent, afterId, limit },
                    cancellationToken: cancellationToken)).ConfigureAwait(false);
            return [.. rows.Select(r => new AgentEvent(r.Id, r.Agent, r.Type, r.TransferId, r.Data, At(r.At)))];
        }
    }

    public Task<int> PruneAsync(DateTimeOffset olderThan, CancellationToken cancellationToken) =>
        database.WriteAsync("DELETE FROM agent_events WHERE at < @at", new { at = Ms(olderThan) }, cancellationToken);

    private sealed class EventRow
    {
        public long Id { get; set; }

        public string Agent { get; set; } = string.Empty;

        public string Type { get; set; } = string.Empty;

        public string? TransferId { get; set; }

        public string Data { get; set; } = string.Empty;

        public long At { get; set; }
    }
}
