using WarmTransfer.ControlApi.LiveKit;

namespace WarmTransfer.ControlApi.Rooms;

/// <summary>A participant of a room. <see cref="Role"/> is <c>caller</c>, <c>agent</c>, <c>bot</c> or <c>guest</c>.</summary>
internal sealed record ParticipantView(string Identity, string Name, string Role, DateTimeOffset JoinedAt)
{
    public static ParticipantView From(LiveKitParticipant participant, RoomRecord room, Func<string, bool> isAgent) => new(
        participant.Identity,
        participant.Name,
        participant.IsAgent ? "bot"
            : participant.Identity == room.Caller ? "caller"
            : isAgent(participant.Identity) ? "agent"
            : "guest",
        participant.JoinedAt);
}
