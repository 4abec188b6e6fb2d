namespace WarmTransfer.ControlApi.Transfers;

/// <summary>A transfer as the API returns it. <see cref="History"/> is included on single-transfer reads.</summary>
internal sealed record TransferView(
    string Id,
    TransferState State,
    string CallRoom,
    string HandoffRoom,
    string FromAgent,
    string ToAgent,
    string? Notes,
    string? Reason,
    string? Summary,
    DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt,
    DateTimeOffset? AgentJoinedAt,
    string Origin,
    long Version,
    IReadOnlyList<TransitionView>? History = null,
    IReadOnlyList<TransferActivity>? Activity = null)
{
    public static TransferView From(Transfer transfer, IReadOnlyList<TransferTransition>? history = null, IReadOnlyList<TransferActivity>? activity = null) => new(
        transfer.Id,
        transfer.State,
        transfer.CallRoom,
        transfer.HandoffRoom,
        transfer.FromAgent,
        transfer.ToAgent,
        transfer.Notes,
        transfer.Reason,
        transfer.Summary,
        transfer.CreatedAt,
        transfer.UpdatedAt,
        transfer.AgentJoinedAt,
        transfer.Origin,
        transfer.Version,
        history?.Select(TransitionView.Of).ToArray(),
        activity);
}
