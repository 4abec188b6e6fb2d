namespace WarmTransfer.ControlApi.Transfers;

/// <summary>Optional body of decline and cancel: why (shown to the other agent and kept in the history).</summary>
internal sealed record ReasonRequest(string? Reason);
