using LiveKit.Proto;

namespace WarmTransfer.ControlApi.Tokens;

/// <summary>The LiveKit video grants of each <see cref="ParticipantRole"/>, in one table.</summary>
internal sealed record ParticipantGrants(
    bool CanPublish,
    IReadOnlyList<TrackSource> PublishSources,
    bool CanPublishData,
    bool CanSubscribe,
    bool Hidden,
    bool Agent,
    bool RoomAdmin)
{
    public static ParticipantGrants For(ParticipantRole role) => role switch
    {
        ParticipantRole.Caller => new(CanPublish: true, [TrackSource.Microphone], CanPublishData: false, CanSubscribe: true, Hidden: false, Agent: false, RoomAdmin: false),
        ParticipantRole.Agent => new(CanPublish: true, [TrackSource.Microphone], CanPublishData: true, CanSubscribe: true, Hidden: false, Agent: false, RoomAdmin: false),
        ParticipantRole.Bot => new(CanPublish: true, [TrackSource.Microphone], CanPublishData: true, CanSubscribe: true, Hidden: true, Agent: true, RoomAdmin: false),
        ParticipantRole.Admin => new(CanPublish: true, [TrackSource.Microphone], CanPublishData: true, CanSubscribe: true, Hidden: false, Agent: false, RoomAdmin: true),
        _ => throw new ArgumentOutOfRangeException(nameof(role), role, "unknown participant role"),
    };
}
