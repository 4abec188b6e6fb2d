namespace WarmTransfer.ControlApi.Transfers;

/// <summary>
/// A validated request to start a transfer. <see cref="Origin"/> is <see cref="TransferOrigins.Api"/> or
/// <see cref="TransferOrigins.Seed"/>; seed transfers accept agent identities outside the directory, as the seed did.
/// </summary>
internal sealed record StartTransfer(string CallRoom, string FromAgent, string ToAgent, string? Notes, string Origin = TransferOrigins.Api);
