namespace WarmTransfer.ControlApi.Seed;

/// <summary>Seed <c>POST /token</c> body: <c>{identity, room}</c>.</summary>
internal sealed record SeedTokenRequest(string? Identity, string? Room);
