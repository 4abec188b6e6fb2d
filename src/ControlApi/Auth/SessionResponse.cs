namespace WarmTransfer.ControlApi.Auth;

/// <summary>A console session: send <see cref="AccessToken"/> as <c>Authorization: Bearer …</c> (or <c>?access_token=</c> on the event stream).</summary>
internal sealed record SessionResponse(
    string AccessToken,
    string TokenType,
    long ExpiresIn,
    DateTimeOffset ExpiresAt,
    string RefreshToken,
    string Identity,
    string Name,
    string Role);
