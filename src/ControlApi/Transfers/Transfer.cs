namespace WarmTransfer.ControlApi.Transfers;

/// <summary>
/// One warm transfer as stored. <see cref="Version"/> increases with every state change and guards concurrent
/// commands (optimistic concurrency: a write names the version it read).
/// </summary>
internal sealed record Transfer
{
    public required string Id { get; init; }

    /// <summary>The caller's room <c>R</c>; the caller never leaves it.</summary>
    public required string CallRoom { get; init; }

    /// <summary>The private briefing room <c>H</c> (Agent A, Agent B and the bot).</summary>
    public required string HandoffRoom { get; init; }

    public required string FromAgent { get; init; }

    public required string ToAgent { get; init; }

    public string? Notes { get; init; }

    public required TransferState State { get; init; }

    /// <summary>Why the transfer ended (declined, cancelled, timed out, abandoned, failed); null while active.</summary>
    public string? Reason { get; init; }

    public string? Summary { get; init; }

    public DateTimeOffset? SummaryAt { get; init; }

    /// <summary>When Agent B was first seen in the handoff room.</summary>
    public DateTimeOffset? AgentJoinedAt { get; init; }

    /// <summary>Which API created it: <c>api</c> or <c>seed</c>.</summary>
    public required string Origin { get; init; }

    public required string CreatedBy { get; init; }

    public required DateTimeOffset CreatedAt { get; init; }

    public required DateTimeOffset UpdatedAt { get; init; }

    public required long Version { get; init; }
}
