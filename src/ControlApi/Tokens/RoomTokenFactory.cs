using LiveKit.Api;
using LiveKit.Proto;
using Microsoft.Extensions.Options;
using WarmTransfer.ControlApi.LiveKit;

namespace WarmTransfer.ControlApi.Tokens;

/// <summary>
/// Mints LiveKit access tokens (LiveKit.Api's <see cref="AccessToken"/>) for one room and one identity, with the
/// grants of a <see cref="ParticipantRole"/> (<see cref="ParticipantGrants"/>) and the role's short TTL. Every token
/// carries the attribute <c>wt.role</c>. Thread-safe.
/// </summary>
/// <remarks>
/// Tokens are dated by the system clock, never the host's <see cref="TimeProvider"/>: LiveKit checks them against
/// its own wall clock, so a test clock must not leak into them.
/// </remarks>
internal sealed class RoomTokenFactory(IOptions<LiveKitOptions> liveKit, IOptions<TokenOptions> options)
{
    public const string RoleAttribute = "wt.role";

    /// <summary>The LiveKit URL browsers connect to (<c>wsUrl</c>).</summary>
    public string BrowserUrl => liveKit.Value.BrowserUrl;

    public IssuedToken Create(ParticipantRole role, string room, string identity, string? name)
    {
        var grants = ParticipantGrants.For(role);
        var ttl = options.Value.TtlOf(role);
        var now = TimeProvider.System.GetUtcNow();
        var video = new VideoGrants
        {
            RoomJoin = true,
            Room = room,
            RoomAdmin = grants.RoomAdmin,
            CanPublish = grants.CanPublish,
            CanPublishSources = [.. grants.PublishSources],
            CanPublishData = grants.CanPublishData,
            CanSubscribe = grants.CanSubscribe,
            CanUpdateOwnMetadata = false,
            Hidden = grants.Hidden,
            Agent = grants.Agent,
        };
        var token = new AccessToken(liveKit.Value.ApiKey!, liveKit.Value.ApiSecret!)
            .WithIdentity(identity)
            .WithVideoGrants(video)
            .WithAttribute(RoleAttribute, role.ToString().ToLowerInvariant())
            .WithNotBefore(now)
            .WithTtl(ttl);
        if (!string.IsNullOrEmpty(name))
        {
            token.WithName(name);
        }

        if (role == ParticipantRole.Bot)
        {
            token.WithKind(ParticipantInfo.Types.Kind.Agent);
        }

        return new IssuedToken(token.ToJwt(), BrowserUrl, room, identity, role, now + ttl);
    }
}
