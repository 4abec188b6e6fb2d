using LiveKit.Rtc;
using WarmTransfer.TransferAgent.ControlPlane;

namespace WarmTransfer.TransferAgent.CallRoom;

/// <summary>
/// Labels the speakers of a call room. The control API's view of the room (<c>GET /api/worker/rooms/{room}</c>:
/// caller and agent identities) wins; without it, the participant's <c>wt.role</c> attribute (set by the control API's
/// tokens), then its kind (a SIP participant is a caller); anyone else counts as an agent.
/// </summary>
public sealed class SpeakerRoles(RoomInfo? room)
{
    public const string RoleAttribute = "wt.role";

    public SpeakerRole Of(Participant participant)
    {
        ArgumentNullException.ThrowIfNull(participant);
        if (room is not null)
        {
            if (string.Equals(room.Caller, participant.Identity, StringComparison.Ordinal))
            {
                return SpeakerRole.Caller;
            }

            if (string.Equals(room.Agent, participant.Identity, StringComparison.Ordinal))
            {
                return SpeakerRole.Agent;
            }
        }

        if (participant.Attributes.TryGetValue(RoleAttribute, out var role))
        {
            if (string.Equals(role, "caller", StringComparison.OrdinalIgnoreCase))
            {
                return SpeakerRole.Caller;
            }

            if (string.Equals(role, "agent", StringComparison.OrdinalIgnoreCase))
            {
                return SpeakerRole.Agent;
            }
        }

        return participant.Kind == ParticipantKind.Sip ? SpeakerRole.Caller : SpeakerRole.Agent;
    }
}
