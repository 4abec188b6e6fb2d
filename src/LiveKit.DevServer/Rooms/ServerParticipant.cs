using LiveKit.DevServer.Rooms.Media;
using LiveKit.Proto;

namespace LiveKit.DevServer.Rooms;

/// <summary>
/// A participant in a room: its info, permissions, tracks and subscriptions, and the signalling
/// connection and media session it talks through.
/// </summary>
/// <remarks>
/// State is mutated only under the lock of the room the participant is in (<see cref="Room"/>, which
/// changes when the participant is moved). Media events arrive on any thread and are routed to the
/// current room, which takes its lock.
/// </remarks>
internal sealed partial class ServerParticipant : IParticipantMediaEvents
{
    private readonly Dictionary<string, PublishedTrack> _tracksBySid = new(StringComparer.Ordinal);

    // Copies of this participant forwarded into other rooms. Guarded by its own lock: the copies live
    // under other rooms' locks, and this list is read from both sides.
    private readonly List<ServerParticipant> _forwards = [];

    public ServerParticipant(ServerRoom room, ParticipantSpec spec, IParticipantSignal signal, long joinedAtMs)
    {
        Room = room;
        Sid = Sids.New(Sids.Participant);
        Identity = spec.Identity;
        Name = spec.Name;
        Metadata = spec.Metadata;
        foreach (var (key, value) in spec.Attributes)
        {
            Attributes[key] = value;
        }

        Kind = spec.Kind;
        KindDetails = [.. spec.KindDetails];
        Permission = spec.Permission.Clone();
        Client = spec.Client;
        AutoSubscribe = spec.AutoSubscribe;
        Signal = new HoldableParticipantSignal(signal);
        JoinedAtMs = joinedAtMs;
    }

    public string Sid { get; }

    public string Identity { get; }

    public string Name { get; set; }

    public string Metadata { get; set; }

    public Dictionary<string, string> Attributes { get; } = new(StringComparer.Ordinal);

    public ParticipantInfo.Types.Kind Kind { get; }

    public List<ParticipantInfo.Types.KindDetail> KindDetails { get; }

    public ParticipantPermission Permission { get; set; }

    public ClientInfo Client { get; }

    public bool AutoSubscribe { get; }

    public long JoinedAtMs { get; }

    public ParticipantInfo.Types.State State { get; set; } = ParticipantInfo.Types.State.Joined;

    public DisconnectReason DisconnectReason { get; set; }

    /// <summary>Increases with every change; clients ignore an update older than what they have.</summary>
    public uint Version { get; private set; } = 1;

    /// <summary>The room the participant is in now.</summary>
    public ServerRoom Room { get; set; }

    public HoldableParticipantSignal Signal { get; }

    /// <summary>Set right after construction by the room (the session needs this object for its events).</summary>
    public IParticipantMedia Media { get; set; } = InertParticipantMedia.Instance;

    public SubscriberNegotiator? Negotiator { get; set; }

    public bool IsHidden => Permission.Hidden;

    public bool IsAgent => Kind == ParticipantInfo.Types.Kind.Agent;

    /// <summary>The participant this one mirrors into its room (ForwardParticipant); null for a real participant.</summary>
    public ServerParticipant? ForwardedFrom { get; init; }


    /// <summary>Tracks in announcement order (pending and published).</summary>
    public List<PublishedTrack> Tracks { get; } = [];

    /// <summary>Sids of other participants' tracks this participant receives.</summary>
    public HashSet<string> Subscriptions { get; } = new(StringComparer.Ordinal);

    /// <summary>Sids of tracks this participant explicitly unsubscribed from (auto-subscribe leaves them alone).</summary>
    public HashSet<string> Unsubscribed { get; } = new(StringComparer.Ordinal);

    public bool IsPublisher => Tracks.Exists(t => t.IsPublished);

    public void BumpVersion() => Version++;

    public void AddForward(ServerParticipant copy)
    {
        lock (_forwards)
        {
            _forwards.Add(copy);
        }
    }

    public void RemoveForward(ServerParticipant copy)
    {
        lock (_forwards)
        {
            _forwards.Remove(copy);
        }
    }

    /// <summary>A snapshot of the copies forwarded into other rooms.</summary>
    public ServerParticipant[] ForwardsSnapshot()
    {
        lock (_forwards)
        {
            return [.. _forwards];
        }
    }

    public PublishedTrack? FindTrack(string sid) => _tracksBySid.GetValueOrDefault(sid);

    public PublishedTrack? FindTrackByCid(string cid) => Tracks.Find(t => t.Cid == cid);

    public void AddTrack(PublishedTrack track)
    {
        Tracks.Add(track);
        _tracksBySid[track.Sid] = track;
    }

    public void RemoveTrack(PublishedTrack track)
    {
        Tracks.Remove(track);
        _tracksBySid.Remove(track.Sid);
    }

    /// <summary>A snapshot for the wire; the live objects never leave the room lock.</summary>
    public ParticipantInfo ToInfo()
    {
        var info = new ParticipantInfo
        {
            Sid = Sid,
            Identity = Identity,
            Name = Name,
            Metadata = Metadata,
            State = State,
            Version = Version,
            JoinedAt = JoinedAtMs / 1000,
            JoinedAtMs = JoinedAtMs,
            Permission = Permission.Clone(),
            IsPublisher = IsPublisher,
            Kind = Kind,
            DisconnectReason = DisconnectReason,
            ClientProtocol = Client.ClientProtocol,
        };
        info.Attributes.Add(Attributes);
        info.KindDetails.AddRange(KindDetails);
        info.Capabilities.AddRange(Client.Capabilities);
        foreach (var track in Tracks)
        {
            if (track.IsPublished)
            {
                info.Tracks.Add(track.Info.Clone());
            }
        }

        return info;
    }
}
