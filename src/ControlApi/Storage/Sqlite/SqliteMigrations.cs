namespace WarmTransfer.ControlApi.Storage.Sqlite;

/// <summary>
/// The schema, as ordered migrations. A migration is never edited once released: add a new one. Times are Unix
/// milliseconds (INTEGER) so ranges and ordering are plain comparisons.
/// </summary>
internal static class SqliteMigrations
{
    public static IReadOnlyList<(int Version, string Name, string Sql)> All { get; } =
    [
        (1, "rooms, transfers, transitions, deadlines, activity, transcripts, agent events, idempotency keys", """
            CREATE TABLE rooms (
                name TEXT PRIMARY KEY,
                kind TEXT NOT NULL,
                caller TEXT NULL,
                agent TEXT NULL,
                transfer_id TEXT NULL,
                created_by TEXT NOT NULL,
                created_at INTEGER NOT NULL,
                closed_at INTEGER NULL
            );
            CREATE INDEX ix_rooms_open ON rooms (closed_at, created_at);

            CREATE TABLE transfers (
                id TEXT PRIMARY KEY,
                call_room TEXT NOT NULL,
                handoff_room TEXT NOT NULL,
                from_agent TEXT NOT NULL,
                to_agent TEXT NOT NULL,
                notes TEXT NULL,
                state TEXT NOT NULL,
                reason TEXT NULL,
                summary TEXT NULL,
                summary_at INTEGER NULL,
                agent_joined_at INTEGER NULL,
                origin TEXT NOT NULL,
                created_by TEXT NOT NULL,
                created_at INTEGER NOT NULL,
                updated_at INTEGER NOT NULL,
                version INTEGER NOT NULL
            );
            -- At most one active transfer per call room: a second start is refused by the database itself.
            CREATE UNIQUE INDEX ux_transfers_active_call_room ON transfers (call_room) WHERE state IN ('Requested', 'Briefing', 'Accepted');
            CREATE INDEX ix_transfers_handoff_room ON transfers (handoff_room);
            CREATE INDEX ix_transfers_created ON transfers (created_at);
            CREATE INDEX ix_transfers_from ON transfers (from_agent, created_at);
            CREATE INDEX ix_transfers_to ON transfers (to_agent, created_at);
            CREATE INDEX ix_transfers_call_room ON transfers (call_room, created_at);

            CREATE TABLE transfer_transitions (
                seq INTEGER PRIMARY KEY AUTOINCREMENT,
                transfer_id TEXT NOT NULL REFERENCES transfers (id) ON DELETE CASCADE,
                from_state TEXT NULL,
                to_state TEXT NOT NULL,
                at INTEGER NOT NULL,
                actor TEXT NOT NULL,
                reason TEXT NULL
            );
            CREATE INDEX ix_transitions_transfer ON transfer_transitions (transfer_id, seq);

            CREATE TABLE transfer_deadlines (
                transfer_id TEXT NOT NULL REFERENCES transfers (id) ON DELETE CASCADE,
                kind TEXT NOT NULL,
                due_at INTEGER NOT NULL,
                PRIMARY KEY (transfer_id, kind)
            );
            CREATE INDEX ix_deadlines_due ON transfer_deadlines (due_at);

            CREATE TABLE transfer_activity (
                seq INTEGER PRIMARY KEY AUTOINCREMENT,
                transfer_id TEXT NOT NULL REFERENCES transfers (id) ON DELETE CASCADE,
                type TEXT NOT NULL,
                detail TEXT NULL,
                at INTEGER NOT NULL,
                actor TEXT NOT NULL
            );
            CREATE INDEX ix_activity_transfer ON transfer_activity (transfer_id, seq);

            CREATE TABLE transcript_segments (
                room TEXT NOT NULL,
                segment_id TEXT NOT NULL,
                speaker TEXT NOT NULL,
                text TEXT NOT NULL,
                start_ms INTEGER NULL,
                end_ms INTEGER NULL,
                received_at INTEGER NOT NULL,
                PRIMARY KEY (room, segment_id)
            );

            CREATE TABLE agent_events (
                id INTEGER PRIMARY KEY AUTOINCREMENT,
                agent TEXT NOT NULL,
                type TEXT NOT NULL,
                transfer_id TEXT NULL,
                data TEXT NOT NULL,
                at INTEGER NOT NULL
            );
            CREATE INDEX ix_agent_events_agent ON agent_events (agent, id);
            CREATE INDEX ix_agent_events_at ON agent_events (at);

            CREATE TABLE idempotency_keys (
                scope TEXT NOT NULL,
                key TEXT NOT NULL,
                request_hash TEXT NOT NULL,
                status_code INTEGER NULL,
                content_type TEXT NULL,
                body TEXT NULL,
                location TEXT NULL,
                created_at INTEGER NOT NULL,
                completed_at INTEGER NULL,
                PRIMARY KEY (scope, key)
            );
            CREATE INDEX ix_idempotency_created ON idempotency_keys (created_at);
            """),
    ];
}
