using LiveKit.Proto;

namespace LiveKit.Api;

/// <summary>
/// The <c>video</c> claim of a LiveKit access token: room actions and what a participant may do in a room.
/// </summary>
/// <remarks>
/// Nullable booleans keep LiveKit's "absent means default" semantics: <see cref="CanPublish"/> and
/// <see cref="CanSubscribe"/> default to true, <see cref="CanPublishData"/> to <see cref="CanPublish"/>'s value,
/// and <see cref="CanUpdateOwnMetadata"/>, <see cref="CanSubscribeMetrics"/>, <see cref="CanManageAgentSession"/>
/// to false. The <c>Effective…</c> members apply those defaults.
/// </remarks>
public sealed class VideoGrants
{
    /// <summary>May create and delete rooms (<c>roomCreate</c>).</summary>
    public bool RoomCreate { get; set; }

    /// <summary>May list rooms (<c>roomList</c>).</summary>
    public bool RoomList { get; set; }

    /// <summary>May start recordings (<c>roomRecord</c>).</summary>
    public bool RoomRecord { get; set; }

    /// <summary>May administer the room named by <see cref="Room"/> (<c>roomAdmin</c>).</summary>
    public bool RoomAdmin { get; set; }

    /// <summary>May join the room named by <see cref="Room"/> (<c>roomJoin</c>).</summary>
    public bool RoomJoin { get; set; }

    /// <summary>The room the join and admin grants apply to (<c>room</c>).</summary>
    public string? Room { get; set; }

    /// <summary>May publish tracks (<c>canPublish</c>; absent means true).</summary>
    public bool? CanPublish { get; set; }

    /// <summary>May subscribe to others' tracks (<c>canSubscribe</c>; absent means true).</summary>
    public bool? CanSubscribe { get; set; }

    /// <summary>May send data packets (<c>canPublishData</c>; absent means the value of <see cref="CanPublish"/>).</summary>
    public bool? CanPublishData { get; set; }

    /// <summary>The only sources the participant may publish (<c>canPublishSources</c>); null or empty means any.</summary>
    public IList<TrackSource>? CanPublishSources { get; set; }

    /// <summary>May change its own name, metadata and attributes (<c>canUpdateOwnMetadata</c>; absent means false).</summary>
    public bool? CanUpdateOwnMetadata { get; set; }

    /// <summary>May manage ingress (<c>ingressAdmin</c>).</summary>
    public bool IngressAdmin { get; set; }

    /// <summary>Invisible to other participants (<c>hidden</c>).</summary>
    public bool Hidden { get; set; }

    /// <summary>Marks a recorder (<c>recorder</c>).</summary>
    public bool Recorder { get; set; }

    /// <summary>Marks an agent; also what an agent worker needs to register on <c>/agent</c> (<c>agent</c>).</summary>
    public bool Agent { get; set; }

    /// <summary>May subscribe to metrics (<c>canSubscribeMetrics</c>; absent means false).</summary>
    public bool? CanSubscribeMetrics { get; set; }

    /// <summary>May manage an agent session (<c>canManageAgentSession</c>; absent means false).</summary>
    public bool? CanManageAgentSession { get; set; }

    /// <summary>The room a participant may be moved or forwarded to (<c>destinationRoom</c>).</summary>
    public string? DestinationRoom { get; set; }

    /// <summary><see cref="CanPublish"/> with LiveKit's default (true).</summary>
    public bool EffectiveCanPublish => CanPublish ?? true;

    /// <summary><see cref="CanSubscribe"/> with LiveKit's default (true).</summary>
    public bool EffectiveCanSubscribe => CanSubscribe ?? true;

    /// <summary><see cref="CanPublishData"/> with LiveKit's default (the effective publish permission).</summary>
    public bool EffectiveCanPublishData => CanPublishData ?? EffectiveCanPublish;

    /// <summary>Whether a track from <paramref name="source"/> may be published under these grants.</summary>
    public bool CanPublishSource(TrackSource source) =>
        EffectiveCanPublish && (CanPublishSources is not { Count: > 0 } sources || sources.Contains(source));

    /// <summary>The participant permission LiveKit derives from these grants (sent in JoinResponse).</summary>
    public ParticipantPermission ToParticipantPermission()
    {
        var permission = new ParticipantPermission
        {
            CanPublish = EffectiveCanPublish,
            CanSubscribe = EffectiveCanSubscribe,
            CanPublishData = EffectiveCanPublishData,
            CanUpdateMetadata = CanUpdateOwnMetadata ?? false,
            Hidden = Hidden,
            Recorder = Recorder,
            Agent = Agent,
            CanSubscribeMetrics = CanSubscribeMetrics ?? false,
            CanManageAgentSession = CanManageAgentSession ?? false,
        };
        if (CanPublishSources is { } sources)
        {
            permission.CanPublishSources.AddRange(sources);
        }

        return permission;
    }

    /// <summary>A deep copy.</summary>
    public VideoGrants Clone()
    {
        var clone = (VideoGrants)MemberwiseClone();
        clone.CanPublishSources = CanPublishSources is null ? null : [.. CanPublishSources];
        return clone;
    }
}
