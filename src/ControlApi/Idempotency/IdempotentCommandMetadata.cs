namespace WarmTransfer.ControlApi.Idempotency;

/// <summary>Endpoint metadata marking a command that honours <c>Idempotency-Key</c> (used to document the header).</summary>
internal sealed record IdempotentCommandMetadata(string Operation);
