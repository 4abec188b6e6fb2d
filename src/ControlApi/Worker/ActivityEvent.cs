namespace WarmTransfer.ControlApi.Worker;

/// <summary>Payload of the <c>transfer.activity</c> event.</summary>
internal sealed record ActivityEvent(string TransferId, string Type, string? Detail);
