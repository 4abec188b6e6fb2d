using System.Text;
using Dapper;
using Microsoft.Data.Sqlite;
using WarmTransfer.ControlApi.Events;
using WarmTransfer.ControlApi.Transfers;
using static WarmTransfer.ControlApi.Storage.Sqlite.UnixTime;

namespace WarmTransfer.ControlApi.Storage.Sqlite;

/// <summary>SQLite <see cref="ITransferStore"/>. State changes are one <c>BEGIN IMMEDIATE</c> transaction guarded by the version column.</summary>
internal sealed partial class SqliteTransferStore(SqliteDatabase database) : ITransferStore
{
    private const int SqliteConstraint = 19;

    private const string Columns = """
        id AS Id, call_room AS CallRoom, handoff_room AS HandoffRoom, from_agent AS FromAgent, to_agent AS ToAgent,
        notes AS Notes, state AS State, reason AS Reason, summary AS Summary, summary_at AS SummaryAt,
        agent_joined_at AS AgentJoinedAt, origin AS Origin, created_by AS CreatedBy, created_at AS CreatedAt,
        updated_at AS UpdatedAt, version AS Version
        """;

    private const string ActiveStates = "('Requested', 'Briefing', 'Accepted')";

    public Task<TransferInsertOutcome> InsertAsync(Transfer transfer, TransferTransition created, IReadOnlyCollection<TransferDeadline> deadlines, IReadOnlyCollection<AgentEvent> events, CancellationToken cancellationToken) =>
        database.WriteAsync(
            async (connection, transaction) =>
            {
                try
                {
                    await connection.ExecuteAsync(
                        """
                        INSERT INTO transfers (id, call_room, handoff_room, from_agent, to_agent, notes, state, reason, summary, summary_at,
                            agent_joined_at, origin, created_by, created_at, updated_at, version)
                        VALUES (@Id, @CallRoom, @HandoffRoom, @FromAgent, @ToAgent, @Notes, @State, @Reason, @Summary, @SummaryAt,
                            @AgentJoinedAt, @Origin, @CreatedBy, @CreatedAt, @UpdatedAt, @Version)
                        """,
                        ToRow(transfer),
                        transaction).ConfigureAwait(false);
                }
                catch (SqliteException e) when (e.SqliteErrorCode == SqliteConstraint)
                {
                    // The failed statement wrote nothing; committing the empty transaction is harmless.
                    var active = await connection.ExecuteScalarAsync<string>(
                        $"SELECT id FROM transfers WHERE call_room = @room AND state IN {ActiveStates}", new { room = transfer.CallRoom }, transaction).ConfigureAwait(false);
                    return active is null ? throw new InvalidOperationException($"Recording transfer {transfer.Id} broke a constraint other than one active transfer per call room.", e) : TransferInsertOutcome.Conflict(active);
                }

                await InsertTransitionAsync(connection, transaction, transfer.Id, created).ConfigureAwait(false);
                await ReplaceDeadlinesAsync(connection, transaction, transfer.Id, deadlines).ConfigureAwait(false);
                await SqliteAgentEventRows.InsertAsync(connection, transaction, events).ConfigureAwait(false);
                return TransferInsertOutcome.Stored;
            },
            cancellationToken);

    public Task<Transfer?> GetAsync(string id, CancellationToken cancellationToken) =>
        QuerySingleAsync($"SELECT {Columns} FROM transfers WHERE id = @id", new { id }, cancellationToken);

    public Task<Transfer?> FindActiveByCallRoomAsync(string callRoom, CancellationToken cancellationToken) =>
        QuerySingleAsync($"SELECT {Columns} FROM transfers WHERE call_room = @callRoom AND state IN {ActiveStates}", new { callRoom }, cancellationToken);

    public Task<Transfer?> FindActiveByHandoffRoomAsync(string handoffRoom, CancellationToken cancellationToken) =>
        QuerySingleAsync($"SELECT {Columns} FROM transfers WHERE handoff_room = @handoffRoom AND state IN {ActiveStates}", new { handoffRoom }, cancellationToken);

    public Task<IReadOnlyList<Transfer>> ListActiveAsync(CancellationToken cancellationToken) =>
        QueryListAsync($"SELECT {Columns} FROM transfers WHERE state IN {ActiveStates} ORDER BY created_at", null, cancellationToken);

    public Task<IReadOnlyList<Transfer>> QueryAsync(TransferQuery query, CancellationToken cancellationToken)
    {
        var sql = new StringBuilder($"SELECT {Columns} FROM transfers WHERE 1 = 1");
        if (query.Room is not null)
        {
            sql.Append(" AND (call_room = @Room OR handoff_room = @Room)");
        }

        if (query.Agent is not null)
        {
            sql.Append(" AND (from_agent = @Agent OR to_agent = @Agent)");
        }

        if (query.State is not null)
        {
            sql.Append(" AND state = @State");
        }

        if (query.CreatedFrom is not null)
        {
            sql.Append(" AND created_at >= @From");
        }

        if (query.CreatedTo is not null)
        {
            sql.Append(" AND created_at <= @To");
        }

        if (query.Before is not null)
        {
            sql.Append(" AND created_at < @Before");
        }

        sql.Append(" ORDER BY created_at DESC, id DESC LIMIT @Limit");
        return QueryListAsync(
            sql.ToString(),
            new
            {
                query.Room,
                query.Agent,
                State = query.State?.ToString(),
                From = Ms(query.CreatedFrom),
                To = Ms(query.CreatedTo),
                Before = Ms(query.Before),
                query.Limit,
            },
            cancellationToken);
    }

    public async Task<IReadOnlyList<TransferTransition>> GetTransitionsAsync(string id, CancellationToken cancellationToken)
    {
        var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using (connection.ConfigureAwait(false))
        {
            var rows = await connection.QueryAsync<TransitionRow>(
                new CommandDefinition(
                    "SELECT from_state AS FromState, to_state AS ToState, at AS At, actor AS Actor, reason AS Reason FROM transfer_transitions WHERE transfer_id = @id ORDER BY seq",
                    new { id },
                    cancellationToken: cancellationToken)).ConfigureAwait(false);
            return [.. rows.Select(r => new TransferTransition(
                r.FromState is null ? null : Enum.Parse<TransferState>(r.FromState),
                Enum.Parse<TransferState>(r.ToState),
                At(r.At),
                r.Actor,
                r.Reason))];
        }
    }

    public Task<bool> TryUpdateAsync(TransferUpdate update, CancellationToken cancellationToken) =>
        database.WriteAsync(
            async (connection, transaction) =>
            {
                var transition = update.Transition;
                var changed = await connection.ExecuteAsync(
                    """
                    UPDATE transfers
                    SET state = @state,
                        reason = CASE WHEN @terminal THEN @reason ELSE reason END,
                        updated_at = @at,
                        version = version + 1
                    WHERE id = @id AND version = @expected
                    """,
                    new
                    {
                        id = update.TransferId,
                        expected = update.ExpectedVersion,
                        state = transition.To.ToString(),
                        terminal = !TransferStateMachine.IsActive(transition.To),
                        reason = transition.Reason,
                        at = Ms(transition.At),
                    },
                    transaction).ConfigureAwait(false);
                if (changed == 0)
                {
                    return false;
                }

                await InsertTransitionAsync(connection, transaction, update.TransferId, transition).ConfigureAwait(false);
                await ReplaceDeadlinesAsync(connection, transaction, update.TransferId, update.Deadlines).ConfigureAwait(false);
                await SqliteAgentEventRows.InsertAsync(connection, transaction, update.Events).ConfigureAwait(false);
                return true;
            },
            cancellationToken);

    public async Task<bool> SetSummaryAsync(string id, string summary, DateTimeOffset at, CancellationToken cancellationToken) =>
        await database.WriteAsync("UPDATE transfers SET summary = @summary, summary_at = @at WHERE id = @id", new { id, summary, at = Ms(at) }, cancellationToken).ConfigureAwait(false) == 1;

    public Task<bool> MarkAgentJoinedAsync(string id, DateTimeOffset at, CancellationToken cancellationToken) =>
        database.WriteAsync(
            async (connection, transaction) =>
            {
                var changed = await connection.ExecuteAsync(
                    "UPDATE transfers SET agent_joined_at = @at WHERE id = @id AND agent_joined_at IS NULL", new { id, at = Ms(at) }, transaction).ConfigureAwait(false);
                if (changed == 1)
                {
                    await connection.ExecuteAsync(
                        "DELETE FROM transfer_deadlines WHERE transfer_id = @id AND kind = @kind", new { id, kind = nameof(DeadlineKind.AgentJoin) }, transaction).ConfigureAwait(false);
                }

                return changed == 1;
            },
            cancellationToken);

    public async Task<TransferDeadline?> GetNextDeadlineAsync(CancellationToken cancellationToken)
    {
        var next = await QueryDeadlinesAsync("SELECT transfer_id AS TransferId, kind AS Kind, due_at AS DueAt FROM transfer_deadlines ORDER BY due_at LIMIT 1", null, cancellationToken).ConfigureAwait(false);
        return next.Count == 0 ? null : next[0];
    }

    public Task<IReadOnlyList<TransferDeadline>> GetDueDeadlinesAsync(DateTimeOffset now, int limit, CancellationToken cancellationToken) =>
        QueryDeadlinesAsync(
            "SELECT transfer_id AS TransferId, kind AS Kind, due_at AS DueAt FROM transfer_deadlines WHERE due_at <= @now ORDER BY due_at LIMIT @limit",
            new { now = Ms(now), limit },
            cancellationToken);

    public Task RemoveDeadlineAsync(string transferId, DeadlineKind kind, CancellationToken cancellationToken) =>
        database.WriteAsync("DELETE FROM transfer_deadlines WHERE transfer_id = @transferId AND kind = @kind", new { transferId, kind = kind.ToString() }, cancellationToken);

    public Task AppendActivityAsync(string transferId, TransferActivity activity, CancellationToken cancellationToken) =>
        database.WriteAsync(
            "INSERT INTO transfer_activity (transfer_id, type, detail, at, actor) VALUES (@transferId, @Type, @Detail, @at, @Actor)",
            new { transferId, activity.Type, activity.Detail, at = Ms(activity.At), activity.Actor },
            cancellationToken);

    public async Task<IReadOnlyList<TransferActivity>> GetActivityAsync(string transferId, CancellationToken cancellationToken)
    {
        var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using (connection.ConfigureAwait(false))
        {
            var rows = await connection.QueryAsync<ActivityRow>(
                new CommandDefinition(
                    "SELECT type AS Type, detail AS Detail, at AS At, actor AS Actor FROM transfer_activity WHERE transfer_id = @transferId ORDER BY seq",
                    new { transferId },
                    cancellationToken: cancellationToken)).ConfigureAwait(false);
            return [.. rows.Select(r => new TransferActivity(r.Type, r.Detail, At(r.At), r.Actor))];
        }
    }

    private static Task<int> InsertTransitionAsync(SqliteConnection connection, SqliteTransaction transaction, string transferId, TransferTransition transition) =>
        connection.ExecuteAsync(
            "INSERT INTO transfer_transitions (transfer_id, from_state, to_state, at, actor, reason) VALUES (@transferId, @from, @to, @at, @actor, @reason)",
            new
            {
                transferId,
                from = transition.From?.ToString(),
                to = transition.To.ToString(),
                at = Ms(transition.At),
                actor = transition.Actor,
                reason = transition.Reason,
            },
            transaction);

    private static async Task ReplaceDeadlinesAsync(SqliteConnection connection, SqliteTransaction transaction, string transferId, IReadOnlyCollection<TransferDeadline> deadlines)
    {
        await connection.ExecuteAsync("DELETE FROM transfer_deadlines WHERE transfer_id = @transferId", new { transferId }, transaction).ConfigureAwait(false);
        foreach (var deadline in deadlines)
        {
            await connection.ExecuteAsync(
                "INSERT INTO transfer_deadlines (transfer_id, kind, due_at) VALUES (@transferId, @kind, @due)",
                new { transferId, kind = deadline.Kind.ToString(), due = Ms(deadline.DueAt) },
                transaction).ConfigureAwait(false);
        }
    }

    private async Task<Transfer?> QuerySingleAsync(string sql, object parameters, CancellationToken cancellationToken)
    {
        var found = await QueryListAsync(sql, parameters, cancellationToken).ConfigureAwait(false);
        return found.Count == 0 ? null : found[0];
    }

    private async Task<IReadOnlyList<Transfer>> QueryListAsync(string sql, object? parameters, CancellationToken cancellationToken)
    {
        var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using (connection.ConfigureAwait(false))
        {
            var rows = await connection.QueryAsync<TransferRow>(new CommandDefinition(sql, parameters, cancellationToken: cancellationToken)).ConfigureAwait(false);
            return [.. rows.Select(FromRow)];
        }
    }

    private async Task<IReadOnlyList<TransferDeadline>> QueryDeadlinesAsync(string sql, object? parameters, CancellationToken cancellationToken)
    {
        var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using (connection.ConfigureAwait(false))
        {
            var rows = await connection.QueryAsync<DeadlineRow>(new CommandDefinition(sql, parameters, cancellationToken: cancellationToken)).ConfigureAwait(false);
            return [.. rows.Select(r => new TransferDeadline(r.TransferId, Enum.Parse<DeadlineKind>(r.Kind), At(r.DueAt)))];
        }
    }
}
