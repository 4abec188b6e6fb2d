namespace WarmTransfer.ControlApi.Seed;

/// <summary>Seed <c>POST /token</c> answer: <c>{token, wsUrl, identity, room}</c>.</summary>
internal sealed record SeedTokenResponse(string Token, string WsUrl, string Identity, string Room);
