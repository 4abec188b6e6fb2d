using Dapper;
using WarmTransfer.ControlApi.Rooms;
using static WarmTransfer.ControlApi.Storage.Sqlite.UnixTime;

namespace WarmTransfer.ControlApi.Storage.Sqlite;

/// <summary>SQLite <see cref="IRoomStore"/>; claims and caller recording are single conditional updates, so they are atomic.</summary>
internal sealed class SqliteRoomStore(SqliteDatabase database) : IRoomStore
{
    private const string Columns = "name AS Name, kind AS Kind, caller AS Caller, agent AS Agent, transfer_id AS TransferId, created_by AS CreatedBy, created_at AS CreatedAt, closed_at AS ClosedAt";

    public Task<bool> TryCreateAsync(RoomRecord room, CancellationToken cancellationToken) =>
        ExecuteAsync(
            """
            INSERT INTO rooms (name, kind, caller, agent, transfer_id, created_by, created_at, closed_at)
            VALUES (@Name, @Kind, @Caller, @Agent, @TransferId, @CreatedBy, @CreatedAt, NULL)
            ON CONFLICT (name) DO UPDATE SET
                kind = excluded.kind, caller = excluded.caller, agent = excluded.agent, transfer_id = excluded.transfer_id,
                created_by = excluded.created_by, created_at = excluded.created_at, closed_at = NULL
            WHERE rooms.closed_at IS NOT NULL
            """,
            new { room.Name, Kind = room.Kind.ToString(), room.Caller, room.Agent, room.TransferId, room.CreatedBy, CreatedAt = Ms(room.CreatedAt) },
            cancellationToken);

    public async Task<RoomRecord?> GetAsync(string name, CancellationToken cancellationToken)
    {
        var rooms = await QueryAsync($"SELECT {Columns} FROM rooms WHERE name = @name", new { name }, cancellationToken).ConfigureAwait(false);
        return rooms.Count == 0 ? null : rooms[0];
    }

    public Task<IReadOnlyList<RoomRecord>> ListOpenAsync(CancellationToken cancellationToken) =>
        QueryAsync($"SELECT {Columns} FROM rooms WHERE closed_at IS NULL ORDER BY created_at", null, cancellationToken);

    public Task<bool> TryClaimAsync(string name, string agent, CancellationToken cancellationToken) =>
        ExecuteAsync(
            "UPDATE rooms SET agent = @agent WHERE name = @name AND closed_at IS NULL AND kind = 'Call' AND (agent IS NULL OR agent = @agent)",
            new { name, agent },
            cancellationToken);

    public async Task SetAgentAsync(string name, string agent, CancellationToken cancellationToken) =>
        await ExecuteAsync("UPDATE rooms SET agent = @agent WHERE name = @name", new { name, agent }, cancellationToken).ConfigureAwait(false);

    public Task<bool> TrySetCallerAsync(string name, string caller, CancellationToken cancellationToken) =>
        ExecuteAsync(
            "UPDATE rooms SET caller = @caller WHERE name = @name AND (caller IS NULL OR caller = @caller)",
            new { name, caller },
            cancellationToken);

    public async Task PromoteToCallAsync(string name, string caller, string agent, CancellationToken cancellationToken) =>
        await ExecuteAsync("UPDATE rooms SET kind = 'Call', caller = @caller, agent = @agent WHERE name = @name", new { name, caller, agent }, cancellationToken).ConfigureAwait(false);

    public Task HandOverAsync(string callRoom, string agent, string handoffRoom, DateTimeOffset at, CancellationToken cancellationToken) =>
        database.WriteAsync(
            "UPDATE rooms SET agent = @agent WHERE name = @callRoom; UPDATE rooms SET closed_at = @at WHERE name = @handoffRoom AND closed_at IS NULL;",
            new { callRoom, agent, handoffRoom, at = Ms(at) },
            cancellationToken);

    public Task<bool> CloseAsync(string name, DateTimeOffset at, CancellationToken cancellationToken) =>
        ExecuteAsync("UPDATE rooms SET closed_at = @at WHERE name = @name AND closed_at IS NULL", new { name, at = Ms(at) }, cancellationToken);

    private async Task<bool> ExecuteAsync(string sql, object parameters, CancellationToken cancellationToken) =>
        await database.WriteAsync(sql, parameters, cancellationToken).ConfigureAwait(false) == 1;

    private async Task<IReadOnlyList<RoomRecord>> QueryAsync(string sql, object? parameters, CancellationToken cancellationToken)
    {
        var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using (connection.ConfigureAwait(false))
        {
            var rows = await connection.QueryAsync<RoomRow>(new CommandDefinition(sql, parameters, cancellationToken: cancellationToken)).ConfigureAwait(false);
            return [.. rows.Select(r => new RoomRecord
            {
                Name = r.Name,
                Kind = Enum.Parse<RoomKind>(r.Kind),
                Caller = r.Caller,
                Agent = r.Agent,
                TransferId = r.TransferId,
                CreatedBy = r.CreatedBy,
                CreatedAt = At(r.CreatedAt),
                ClosedAt = At(r.ClosedAt),
            })];
        }
    }

    private sealed class RoomRow
    {
        public string Name { get; set; } = string.Empty;

        public string Kind { get; set; } = string.Empty;

        public string? Caller { get; set; }

        public string? Agent { get; set; }

        public string? TransferId { get; set; }

        public string CreatedBy { get; set; } = string.Empty;

        public long CreatedAt { get; set; }

        public long? ClosedAt { get; set; }
    }
}
