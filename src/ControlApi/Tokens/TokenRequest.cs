namespace WarmTransfer.ControlApi.Tokens;

/// <summary>Body of <c>POST /api/tokens/{agent|admin|bot}</c>. <see cref="Identity"/> is only read for bot tokens.</summary>
internal sealed record TokenRequest(string? Room, string? Identity = null);
