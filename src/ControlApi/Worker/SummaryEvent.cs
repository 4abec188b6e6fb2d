namespace WarmTransfer.ControlApi.Worker;

/// <summary>Payload of the <c>transfer.summary</c> event.</summary>
internal sealed record SummaryEvent(string TransferId, string Summary, string? Provider, string? Model);
