using Dapper;
using Microsoft.Data.Sqlite;
using WarmTransfer.ControlApi.Events;
using static WarmTransfer.ControlApi.Storage.Sqlite.UnixTime;

namespace WarmTransfer.ControlApi.Storage.Sqlite;

/// <summary>Inserts agent events inside a caller's write transaction (the event store's own writes, and the transfer store's outbox).</summary>
internal static class SqliteAgentEventRows
{
    public static async Task<IReadOnlyList<AgentEvent>> InsertAsync(SqliteConnection connection, SqliteTransaction transaction, IReadOnlyCollection<AgentEvent> events)
    {
        var stored = new List<AgentEvent>(events.Count);
        foreach (var e in events)
        {
            var id = await connection.ExecuteScalarAsync<long>(
                "INSERT INTO agent_events (agent, type, transfer_id, data, at) VALUES (@Agent, @Type, @TransferId, @Data, @at) RETURNING id",
                new { e.Agent, e.Type, e.TransferId, e.Data, at = Ms(e.At) },
                transaction).ConfigureAwait(false);
            stored.Add(e with { Id = id });
        }

        return stored;
    }
}
