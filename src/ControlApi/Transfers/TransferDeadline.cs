namespace WarmTransfer.ControlApi.Transfers;

/// <summary>An armed timer of one transfer.</summary>
internal sealed record TransferDeadline(string TransferId, DeadlineKind Kind, DateTimeOffset DueAt);
