namespace WarmTransfer.TransferAgent.Summaries;

/// <summary>What the summary is made from: the call so far and the transferring agent's notes.</summary>
public sealed record TransferContext
{
    public required string TransferId { get; init; }

    public IReadOnlyList<TranscriptLine> Transcript { get; init; } = [];

    /// <summary>Agent A's notes for Agent B (free text).</summary>
    public string? Notes { get; init; }

    /// <summary>The caller's name, when the control API knows it.</summary>
    public string? CallerName { get; init; }

    public string? FromAgent { get; init; }

    public string? ToAgent { get; init; }
}
