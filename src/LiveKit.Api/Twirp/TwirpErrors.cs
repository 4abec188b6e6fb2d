namespace LiveKit.Api;

/// <summary>
/// The Twirp errors LiveKit's server returns, with its codes and exact messages (some clients match on
/// the text, e.g. "requested room does not exist"). For servers such as the dev server.
/// </summary>
public static class TwirpErrors
{
    /// <summary>The token lacks a grant the method needs (LiveKit answers <c>unauthenticated</c>, not <c>permission_denied</c>).</summary>
    public static TwirpException PermissionDenied() => new(TwirpErrorCode.Unauthenticated, "permissions denied");

    /// <summary>No <c>Authorization: Bearer</c> header.</summary>
    public static TwirpException MissingAuthorization() => new(TwirpErrorCode.Unauthenticated, "invalid authorization header. Must start with Bearer ");

    /// <summary>The token was refused.</summary>
    public static TwirpException InvalidToken(string detail) => new(TwirpErrorCode.Unauthenticated, "invalid authorization token: " + detail);

    /// <summary>The token's API key is unknown.</summary>
    public static TwirpException InvalidApiKey() => new(TwirpErrorCode.Unauthenticated, "invalid API key");

    /// <summary>The room named in the request does not exist.</summary>
    public static TwirpException RoomNotFound() => new(TwirpErrorCode.NotFound, "requested room does not exist");

    /// <summary>The participant named in the request is not in the room.</summary>
    public static TwirpException ParticipantNotFound() => new(TwirpErrorCode.NotFound, "participant does not exist");

    /// <summary>The track named in the request does not exist.</summary>
    public static TwirpException TrackNotFound() => new(TwirpErrorCode.NotFound, "track is not found");

    /// <summary>A request field is invalid, e.g. "no room name".</summary>
    public static TwirpException InvalidArgument(string message) => new(TwirpErrorCode.InvalidArgument, message);

    /// <summary>The request body could not be decoded.</summary>
    public static TwirpException Malformed(string detail) => new(TwirpErrorCode.Malformed, "the request body could not be decoded: " + detail);

    /// <summary>No such service method (Twirp's <c>bad_route</c>).</summary>
    public static TwirpException BadRoute(string path) => new(TwirpErrorCode.BadRoute, "no handler for path \"" + path + "\"");

    /// <summary>The server does not implement the method.</summary>
    public static TwirpException Unimplemented(string method) => new(TwirpErrorCode.Unimplemented, method + " is not implemented by this server");
}
