namespace WarmTransfer.ControlApi.Transfers;

/// <summary>Something that happened during a transfer without changing its state (worker events: briefing started, spoken, provider fallback).</summary>
internal sealed record TransferActivity(string Type, string? Detail, DateTimeOffset At, string Actor);
