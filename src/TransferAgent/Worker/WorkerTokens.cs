using LiveKit.Api;

namespace WarmTransfer.TransferAgent.Worker;

/// <summary>
/// The token a worker connects to <c>/agent</c> with. livekit-server accepts the upgrade only when the claims carry
/// <c>video.agent = true</c> (service/agentservice.go, AgentSocketUpgrader.Upgrade); the agents SDKs mint exactly that
/// (VideoGrants(agent=True)). The <c>agent</c> claim block (AgentGrants) is for agent administration, not for workers.
/// </summary>
public static class WorkerTokens
{
    /// <summary>Lifetime of a worker token; a fresh one is minted for every connection attempt.</summary>
    public static readonly TimeSpan Ttl = TimeSpan.FromMinutes(10);

    public static string Mint(LiveKitServerOptions server, string agentName, TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(server);
        return new AccessToken(server.ApiKey, server.ApiSecret, time)
            .WithIdentity("worker-" + agentName)
            .WithVideoGrants(new VideoGrants { Agent = true })
            .WithTtl(Ttl)
            .ToJwt();
    }

    /// <summary>
    /// A token for a visible companion of the bot in <paramref name="room"/>: LiveKit forwards no track of a hidden
    /// participant, so audio meant to be heard (hold music, the spoken briefing) is published by a companion that
    /// joins as kind agent with attribute <c>wt.role=bot</c>, so pages and the control API treat it as the bot.
    /// </summary>
    public static string MintCompanion(LiveKitServerOptions server, string room, string identity, string name, bool canSubscribe, bool canPublishData, TimeProvider? time = null)
    {
        ArgumentNullException.ThrowIfNull(server);
        return new AccessToken(server.ApiKey, server.ApiSecret, time ?? TimeProvider.System)
            .WithIdentity(identity)
            .WithName(name)
            .WithKind(LiveKit.Proto.ParticipantInfo.Types.Kind.Agent)
            .WithAttribute(CallRoom.SpeakerRoles.RoleAttribute, "bot")
            .WithVideoGrants(new VideoGrants
            {
                RoomJoin = true,
                Room = room,
                CanPublish = true,
                CanSubscribe = canSubscribe,
                CanPublishData = canPublishData,
            })
            .WithTtl(CompanionTtl)
            .ToJwt();
    }

    /// <summary>Lifetime of a companion's token: it only has to outlive joining; the session then stays up.</summary>
    public static readonly TimeSpan CompanionTtl = TimeSpan.FromHours(2);
}
