using LiveKit.Api;
using LiveKit.DevServer.Auth;
using LiveKit.Proto;

namespace LiveKit.DevServer.Agents;

/// <summary>
/// The join token an agent gets with its job (protocol agent/token.go BuildAgentToken): roomJoin for the
/// job's room, agent=true, kind=agent, the worker's allowed permissions, attribute <c>lk.agent_name</c>, 1 h.
/// </summary>
internal static class AgentTokens
{
    public const string AgentNameAttribute = "lk.agent_name";

    public static readonly TimeSpan Ttl = TimeSpan.FromHours(1);

    public static string Mint(ApiKeys keys, TimeProvider time, string room, string agentName, AvailabilityResponse answer, string identity, ParticipantPermission permissions)
    {
        var grants = new VideoGrants
        {
            RoomJoin = true,
            Room = room,
            Agent = true,
            CanPublish = permissions.CanPublish,
            CanSubscribe = permissions.CanSubscribe,
            CanPublishData = permissions.CanPublishData,
            CanUpdateOwnMetadata = permissions.CanUpdateMetadata,
            CanSubscribeMetrics = permissions.CanSubscribeMetrics,
            Hidden = permissions.Hidden,
        };
        var attributes = new Dictionary<string, string>(answer.ParticipantAttributes, StringComparer.Ordinal) { [AgentNameAttribute] = agentName };
        var token = keys.NewToken(time)
            .WithIdentity(identity)
            .WithKind(ParticipantInfo.Types.Kind.Agent)
            .WithVideoGrants(grants)
            .WithAttributes(attributes)
            .WithTtl(Ttl);
        if (answer.ParticipantName.Length > 0)
        {
            token = token.WithName(answer.ParticipantName);
        }

        if (answer.ParticipantMetadata.Length > 0)
        {
            token = token.WithMetadata(answer.ParticipantMetadata);
        }

        return token.ToJwt();
    }
}
