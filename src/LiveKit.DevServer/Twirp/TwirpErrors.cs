using LiveKit.Api;

namespace LiveKit.DevServer.Twirp;

/// <summary>
/// The dev server's error catalog: every Twirp error it returns comes from here. Errors LiveKit's server
/// also returns come from LiveKit.Api's catalog (<see cref="Api.TwirpErrors"/>, LiveKit's codes and exact
/// messages); the rest are the dev server's own (Move/Forward, RPC, limits). The HTTP status follows from
/// the code (<see cref="TwirpErrorCode.GetHttpStatus"/>).
/// </summary>
internal static class TwirpErrors
{
    public static TwirpException RoomNotFound() => Api.TwirpErrors.RoomNotFound();

    public static TwirpException ParticipantNotFound() => Api.TwirpErrors.ParticipantNotFound();

    public static TwirpException TrackNotFound() => Api.TwirpErrors.TrackNotFound();

    public static TwirpException DispatchNotFound() => new(TwirpErrorCode.NotFound, "agent dispatch does not exist");

    public static TwirpException MissingToken() => Api.TwirpErrors.MissingAuthorization();

    public static TwirpException InvalidToken(string detail) => Api.TwirpErrors.InvalidToken(detail);

    /// <summary>A missing grant: LiveKit's "permissions denied" (code unauthenticated, not permission_denied) plus which grant.</summary>
    public static TwirpException PermissionDenied(string needed)
    {
        var denied = Api.TwirpErrors.PermissionDenied();
        return new TwirpException(denied.Code, denied.Message + ": the token lacks " + needed);
    }

    /// <summary>No such service or method.</summary>
    public static TwirpException BadRoute(string path) => Api.TwirpErrors.BadRoute(path);

    /// <summary>A request that is not Twirp at all (method, content type).</summary>
    public static TwirpException BadRequest(string message) => new(TwirpErrorCode.BadRoute, message);

    public static TwirpException Malformed(string detail) => Api.TwirpErrors.Malformed(detail);

    public static TwirpException InvalidArgument(string message) => Api.TwirpErrors.InvalidArgument(message);

    public static TwirpException NameTooLong(int max) => new(TwirpErrorCode.InvalidArgument, $"name length exceeds limits ({max} bytes)");

    public static TwirpException MetadataTooLarge(int max) => new(TwirpErrorCode.InvalidArgument, $"metadata size exceeds limits ({max} bytes)");

    public static TwirpException AttributesTooLarge(int max) => new(TwirpErrorCode.InvalidArgument, $"attribute size exceeds limits ({max} bytes)");

    public static TwirpException DestinationSameAsSource() => new(TwirpErrorCode.InvalidArgument, "destination room cannot be the same as source room");

    public static TwirpException DestinationIdentityRequired() => new(TwirpErrorCode.InvalidArgument, "destination identity is required");

    public static TwirpException IdentityTaken() =>
        new(TwirpErrorCode.AlreadyExists, "a participant with this identity is already in the destination room");

    public static TwirpException NotMovable() =>
        new(TwirpErrorCode.FailedPrecondition, "a forwarded participant cannot be moved or forwarded; use the original");

    public static TwirpException RoomFull() => new(TwirpErrorCode.ResourceExhausted, "the destination room is full");

    public static TwirpException Internal(string message) => new(TwirpErrorCode.Internal, message);

    /// <summary>A failed server-initiated RPC, by its data-channel RPC code (protocol utils/data_channel_rpc.go PsrpcError).</summary>
    public static TwirpException Rpc(int code, string message, string data)
    {
        var twirpCode = code switch
        {
            1400 or 1402 => TwirpErrorCode.InvalidArgument,
            1401 => TwirpErrorCode.NotFound,
            1403 or 1404 => TwirpErrorCode.Unimplemented,
            1501 or 1502 => TwirpErrorCode.Canceled,
            1503 => TwirpErrorCode.Unavailable,
            _ => TwirpErrorCode.Internal,
        };
        var meta = new Dictionary<string, string>(StringComparer.Ordinal) { ["rpc_code"] = code.ToString(System.Globalization.CultureInfo.InvariantCulture) };
        if (data.Length > 0)
        {
            meta["rpc_data"] = data;
        }

        return new TwirpException(twirpCode, $"RpcError {code}: {message}", meta);
    }
}
