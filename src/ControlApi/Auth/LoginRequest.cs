namespace WarmTransfer.ControlApi.Auth;

/// <summary>Body of <c>POST /api/auth/login</c>.</summary>
internal sealed record LoginRequest(string? Identity, string? Password);
