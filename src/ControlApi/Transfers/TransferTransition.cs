namespace WarmTransfer.ControlApi.Transfers;

/// <summary>One persisted state change: when, by whom, and why. <see cref="From"/> is null for the creation.</summary>
internal sealed record TransferTransition(TransferState? From, TransferState To, DateTimeOffset At, string Actor, string? Reason);
