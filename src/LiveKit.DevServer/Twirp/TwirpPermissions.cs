using LiveKit.Api;

namespace LiveKit.DevServer.Twirp;

/// <summary>
/// The grant each RoomService/AgentDispatchService method needs (srv:service/auth.go EnsureXPermission).
/// Handlers check these first, before limits and before touching state.
/// </summary>
internal static class TwirpPermissions
{
    public static void EnsureCreate(TwirpCall call)
    {
        if (call.Claims.Video is not { RoomCreate: true })
        {
            throw TwirpErrors.PermissionDenied("roomCreate");
        }
    }

    public static void EnsureList(TwirpCall call)
    {
        if (call.Claims.Video is not { RoomList: true })
        {
            throw TwirpErrors.PermissionDenied("roomList");
        }
    }

    public static void EnsureAdmin(TwirpCall call, string room)
    {
        if (call.Claims.Video is not { RoomAdmin: true } video || !string.Equals(video.Room, room, StringComparison.Ordinal))
        {
            throw TwirpErrors.PermissionDenied($"roomAdmin for room '{room}'");
        }
    }

    public static void EnsureDestination(TwirpCall call, string room, string destinationRoom)
    {
        EnsureAdmin(call, room);
        if (!string.Equals(call.Claims.Video!.DestinationRoom, destinationRoom, StringComparison.Ordinal))
        {
            throw TwirpErrors.PermissionDenied($"destinationRoom '{destinationRoom}'");
        }
    }
}
