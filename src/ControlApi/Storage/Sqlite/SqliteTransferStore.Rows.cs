using WarmTransfer.ControlApi.Transfers;
using static WarmTransfer.ControlApi.Storage.Sqlite.UnixTime;

namespace WarmTransfer.ControlApi.Storage.Sqlite;

internal sealed partial class SqliteTransferStore
{
    private static TransferRow ToRow(Transfer t) => new()
    {
        Id = t.Id,
        CallRoom = t.CallRoom,
        HandoffRoom = t.HandoffRoom,
        FromAgent = t.FromAgent,
        ToAgent = t.ToAgent,
        Notes = t.Notes,
        State = t.State.ToString(),
        Reason = t.Reason,
        Summary = t.Summary,
        SummaryAt = Ms(t.SummaryAt),
        AgentJoinedAt = Ms(t.AgentJoinedAt),
        Origin = t.Origin,
        CreatedBy = t.CreatedBy,
        CreatedAt = Ms(t.CreatedAt),
        UpdatedAt = Ms(t.UpdatedAt),
        Version = t.Version,
    };

    private static Transfer FromRow(TransferRow r) => new()
    {
        Id = r.Id,
        CallRoom = r.CallRoom,
        HandoffRoom = r.HandoffRoom,
        FromAgent = r.FromAgent,
        ToAgent = r.ToAgent,
        Notes = r.Notes,
        State = Enum.Parse<TransferState>(r.State),
        Reason = r.Reason,
        Summary = r.Summary,
        SummaryAt = At(r.SummaryAt),
        AgentJoinedAt = At(r.AgentJoinedAt),
        Origin = r.Origin,
        CreatedBy = r.CreatedBy,
        CreatedAt = At(r.CreatedAt),
        UpdatedAt = At(r.UpdatedAt),
        Version = r.Version,
    };

    /// <summary>Column-for-column image of a <c>transfers</c> row (Dapper maps by the aliases in the SELECT).</summary>
    private sealed class TransferRow
    {
        public string Id { get; set; } = string.Empty;

        public string CallRoom { get; set; } = string.Empty;

        public string HandoffRoom { get; set; } = string.Empty;

        public string FromAgent { get; set; } = string.Empty;

        public string ToAgent { get; set; } = string.Empty;

        public string? Notes { get; set; }

        public string State { get; set; } = string.Empty;

        public string? Reason { get; set; }

        public string? Summary { get; set; }

        public long? SummaryAt { get; set; }

        public long? AgentJoinedAt { get; set; }

        public string Origin { get; set; } = string.Empty;

        public string CreatedBy { get; set; } = string.Empty;

        public long CreatedAt { get; set; }

        public long UpdatedAt { get; set; }

        public long Version { get; set; }
    }

    private sealed class TransitionRow
    {
        public string? FromState { get; set; }

        public string ToState { get; set; } = string.Empty;

        public long At { get; set; }

        public string Actor { get; set; } = string.Empty;

        public string? Reason { get; set; }
    }

    private sealed class DeadlineRow
    {
        public string TransferId { get; set; } = string.Empty;

        public string Kind { get; set; } = string.Empty;

        public long DueAt { get; set; }
    }

    private sealed class ActivityRow
    {
        public string Type { get; set; } = string.Empty;

        public string? Detail { get; set; }

        public long At { get; set; }

        public string Actor { get; set; } = string.Empty;
    }
}
