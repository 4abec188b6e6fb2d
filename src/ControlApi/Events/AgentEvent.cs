namespace WarmTransfer.ControlApi.Events;

/// <summary>
/// One message on an agent's live stream. <see cref="Id"/> is set for persisted events (it is the SSE id used for
/// <c>Last-Event-ID</c> resume) and null for live-only ones. <see cref="Data"/> is the JSON payload, already serialized.
/// </summary>
internal sealed record AgentEvent(long? Id, string Agent, string Type, string? TransferId, string Data, DateTimeOffset At);
