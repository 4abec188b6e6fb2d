namespace WarmTransfer.ControlApi.Tokens;

/// <summary>A LiveKit token: connect to <see cref="WsUrl"/> with <see cref="Token"/> before <see cref="ExpiresAt"/>.</summary>
internal sealed record TokenResponse(string Token, string WsUrl, string Room, string Identity, ParticipantRole Role, DateTimeOffset ExpiresAt)
{
    public static TokenResponse From(IssuedToken token) =>
        new(token.Token, token.WsUrl, token.Room, token.Identity, token.Role, token.ExpiresAt);
}
