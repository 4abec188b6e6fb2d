using Dapper;
using WarmTransfer.ControlApi.Transcripts;
using static WarmTransfer.ControlApi.Storage.Sqlite.UnixTime;

namespace WarmTransfer.ControlApi.Storage.Sqlite;

/// <summary>SQLite <see cref="ITranscriptStore"/> (retention <see cref="TranscriptRetention.KeepWithTransfer"/>); arrival order is the rowid.</summary>
internal sealed class SqliteTranscriptStore(SqliteDatabase database) : ITranscriptStore
{
    public Task UpsertAsync(IReadOnlyList<TranscriptSegment> segments, CancellationToken cancellationToken) =>
        database.WriteAsync(
            async (connection, transaction) =>
            {
                foreach (var s in segments)
                {
                    await connection.ExecuteAsync(
                        """
                        INSERT INTO transcript_segments (room, segment_id, speaker, text, start_ms, end_ms, received_at)
                        VALUES (@Room, @SegmentId, @Speaker, @Text, @StartMs, @EndMs, @at)
                        ON CONFLICT (room, segment_id) DO UPDATE SET
                            speaker = excluded.speaker, text = excluded.text, start_ms = excluded.start_ms, end_ms = excluded.end_ms, received_at = excluded.received_at
                        """,
                        new { s.Room, s.SegmentId, s.Speaker, s.Text, s.StartMs, s.EndMs, at = Ms(s.ReceivedAt) },
                        transaction).ConfigureAwait(false);
                }

                return segments.Count;
            },
            cancellationToken);

    public async Task<IReadOnlyList<TranscriptSegment>> GetAsync(string room, CancellationToken cancellationToken)
    {
        var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using (connection.ConfigureAwait(false))
        {
            var rows = await connection.QueryAsync<SegmentRow>(
                new CommandDefinition(
                    "SELECT room AS Room, segment_id AS SegmentId, speaker AS Speaker, text AS Text, start_ms AS StartMs, end_ms AS EndMs, received_at AS ReceivedAt FROM transcript_segments WHERE room = @room ORDER BY rowid",
                    new { room },
                    cancellationToken: cancellationToken)).ConfigureAwait(false);
            return [.. rows.Select(r => new TranscriptSegment(r.Room, r.SegmentId, r.Speaker, r.Text, true, r.StartMs, r.EndMs, At(r.ReceivedAt)))];
        }
    }

    public Task ForgetUnlessTransferredAsync(string room, CancellationToken cancellationToken) =>
        database.WriteAsync(
            "DELETE FROM transcript_segments WHERE room = @room AND NOT EXISTS (SELECT 1 FROM transfers WHERE call_room = @room)",
            new { room },
            cancellationToken);

    private sealed class SegmentRow
    {
        public string Room { get; set; } = string.Empty;

        public string SegmentId { get; set; } = string.Empty;

        public string Speaker { get; set; } = string.Empty;

        public string Text { get; set; } = string.Empty;

        public long? StartMs { get; set; }

        public long? EndMs { get; set; }

        public long ReceivedAt { get; set; }
    }
}
