using LiveKit.Api;
using LiveKit.DevServer.Rooms;
using LiveKit.Proto;

namespace LiveKit.DevServer.Auth;

/// <summary>Turns a verified join token into what the room needs (srv:service/utils.go, rtc/participant.go).</summary>
internal static class GrantMapping
{
    /// <summary>The participant a token describes; <paramref name="client"/> and <paramref name="autoSubscribe"/> come from the join parameters.</summary>
    public static ParticipantSpec ToParticipantSpec(ClaimGrants claims, ClientInfo client, bool autoSubscribe)
    {
        var video = claims.Video ?? new VideoGrants();
        return new ParticipantSpec
        {
            Identity = claims.Identity,
            Name = claims.Name ?? string.Empty,
            Metadata = claims.Metadata ?? string.Empty,
            Attributes = claims.Attributes,
            Kind = claims.Kind ?? (video.Agent ? ParticipantInfo.Types.Kind.Agent : ParticipantInfo.Types.Kind.Standard),
            KindDetails = claims.KindDetails,
            Permission = video.ToParticipantPermission(),
            Client = client,
            AutoSubscribe = autoSubscribe,
        };
    }

    /// <summary>The room settings in a token's roomConfig, applied when the join creates the room; null when there are none.</summary>
    public static RoomSettings? ToRoomSettings(ClaimGrants claims) =>
        claims.RoomConfig is { } config
            ? new RoomSettings
            {
                EmptyTimeoutSeconds = config.EmptyTimeout,
                DepartureTimeoutSeconds = config.DepartureTimeout,
                MaxParticipants = config.MaxParticipants,
                Metadata = config.Metadata,
                Agents = [.. config.Agents],
            }
            : null;
}
