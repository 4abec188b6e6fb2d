namespace WarmTransfer.ControlApi.Tokens;

/// <summary>A LiveKit access token and where to use it.</summary>
internal sealed record IssuedToken(string Token, string WsUrl, string Room, string Identity, ParticipantRole Role, DateTimeOffset ExpiresAt);
