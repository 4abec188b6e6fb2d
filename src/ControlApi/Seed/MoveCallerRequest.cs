namespace WarmTransfer.ControlApi.Seed;

/// <summary>Seed "move caller" body: <c>{identity, fromRoom, newRoom}</c> — the caller goes from the call room to the transfer's new room.</summary>
internal sealed record MoveCallerRequest(string? Identity, string? FromRoom, string? NewRoom);
