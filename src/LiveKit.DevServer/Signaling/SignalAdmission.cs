using LiveKit.Api;
using LiveKit.DevServer.Auth;
using LiveKit.DevServer.Rooms;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Options;

namespace LiveKit.DevServer.Signaling;

/// <summary>
/// Checks a connect request in livekit-server's order (srv:service/auth.go, utils.go): token present,
/// signed by a known key, valid now; then the join grant, a room and an identity; then the room itself.
/// Status codes follow the real server: 401 for token and grant problems, 400 for a missing room or
/// identity, 404 "requested room does not exist".
/// </summary>
internal sealed class SignalAdmission(TokenVerifier verifier, RoomManager rooms, IOptions<DevServerOptions> options)
{
    public const string RoomNotFound = "requested room does not exist";

    public Admission Admit(HttpRequest request)
    {
        if (AccessTokenReader.Read(request) is not { } token)
        {
            return Admission.Refuse(StatusCodes.Status401Unauthorized, "no access token: pass it in the access_token query parameter or an Authorization: Bearer header");
        }

        if (!verifier.TryVerify(token, out var claims, out _, out var message))
        {
            return Admission.Refuse(StatusCodes.Status401Unauthorized, "invalid access token: " + message);
        }

        if (claims.Video is not { RoomJoin: true } video)
        {
            return Admission.Refuse(StatusCodes.Status401Unauthorized, "permissions denied: the token does not grant roomJoin");
        }

        if (string.IsNullOrEmpty(video.Room))
        {
            return Admission.Refuse(StatusCodes.Status400BadRequest, "the token names no room (video.room)");
        }

        if (LiveKitNames.GetRoomNameError(video.Room) is { } roomError)
        {
            return Admission.Refuse(StatusCodes.Status400BadRequest, roomError);
        }

        if (LiveKitNames.GetIdentityError(claims.Identity) is { } identityError)
        {
            return Admission.Refuse(StatusCodes.Status400BadRequest, identityError);
        }

        if (!options.Value.AutoCreateRooms && rooms.Find(video.Room) is null)
        {
            return Admission.Refuse(StatusCodes.Status404NotFound, RoomNotFound);
        }

        return new Admission { Claims = claims, RoomName = video.Room };
    }
}
