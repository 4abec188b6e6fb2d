namespace WarmTransfer.ControlApi.Idempotency;

/// <summary>The response of a completed command, kept so a retry with the same key gets it back unchanged.</summary>
internal sealed record StoredResponse(int StatusCode, string? ContentType, string? Body, string? Location);
