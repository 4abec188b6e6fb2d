using System.Collections.Frozen;
using LiveKit.Rtc.Internal.Ffi;

namespace LiveKit.Rtc;

/// <summary>
/// Someone in a room: the <see cref="LocalParticipant"/> (this client) or a <see cref="RemoteParticipant"/>.
/// Properties follow the room's events; they are updated on the room's event loop and safe to read from any thread.
/// </summary>
public abstract class Participant
{
    private volatile IReadOnlyDictionary<string, string> _attributes = FrozenDictionary<string, string>.Empty;

    private protected Participant(Room room, FfiHandle handle, string sid, string identity, string name, string metadata,
        IReadOnlyDictionary<string, string> attributes, ParticipantKind kind)
    {
        Room = room;
        Handle = handle;
        Sid = sid;
        Identity = identity;
        Name = name;
        Metadata = metadata;
        _attributes = attributes;
        Kind = kind;
    }

    public Room Room { get; }

    public string Sid { get; internal set; }

    /// <summary>The identity from the participant's access token; unique within a room.</summary>
    public string Identity { get; }

    public string Name { get; internal set; }

    public string Metadata { get; internal set; }

    /// <summary>The participant's key/value attributes (a snapshot; replaced as a whole on every change).</summary>
    public IReadOnlyDictionary<string, string> Attributes
    {
        get => _attributes;
        internal set => _attributes = value;
    }

    public ParticipantKind Kind { get; }

    public ConnectionQuality ConnectionQuality { get; internal set; } = ConnectionQuality.Good;

    internal FfiHandle Handle { get; }

    public override string ToString() => $"{GetType().Name}({Sid})";
}
