using LiveKit.Api;
using LiveKit.Proto;

namespace LiveKit.DevServer.Tests.Support;

/// <summary>Access tokens for tests, built with LiveKit.Api's builder.</summary>
internal static class Tokens
{
    public static string Join(DevServer server, string room, string identity, Action<VideoGrants>? grants = null, Action<AccessToken>? token = null) =>
        Join(server.ApiKey, server.ApiSecret, room, identity, grants, token);

    public static string Join(string key, string secret, string room, string identity, Action<VideoGrants>? grants = null, Action<AccessToken>? token = null)
    {
        var video = new VideoGrants { RoomJoin = true, Room = room };
        grants?.Invoke(video);
        var builder = new AccessToken(key, secret).WithIdentity(identity).WithVideoGrants(video);
        token?.Invoke(builder);
        return builder.ToJwt();
    }

    public static string Admin(DevServer server, string room, string? destinationRoom = null) =>
        new AccessToken(server.ApiKey, server.ApiSecret)
            .WithVideoGrants(new VideoGrants { RoomAdmin = true, Room = room, RoomCreate = true, RoomList = true, DestinationRoom = destinationRoom })
            .ToJwt();

    public static string Agent(DevServer server) =>
        new AccessToken(server.ApiKey, server.ApiSecret).WithVideoGrants(new VideoGrants { Agent = true }).ToJwt();

    public static ParticipantInfo.Types.Kind AgentKind => ParticipantInfo.Types.Kind.Agent;
}
