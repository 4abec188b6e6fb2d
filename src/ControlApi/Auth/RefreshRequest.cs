namespace WarmTransfer.ControlApi.Auth;

/// <summary>Body of <c>POST /api/auth/refresh</c>.</summary>
internal sealed record RefreshRequest(string? RefreshToken);
