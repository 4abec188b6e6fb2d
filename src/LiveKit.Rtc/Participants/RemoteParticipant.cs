using System.Collections.Concurrent;
using LiveKit.Rtc.Internal.Ffi;

namespace LiveKit.Rtc;

/// <summary>Another participant of the room. Owned by the <see cref="Room"/>; valid until it leaves or the room is disposed.</summary>
public sealed class RemoteParticipant : Participant
{
    internal RemoteParticipant(Room room, FfiHandle handle, string sid, string identity, string name, string metadata,
        IReadOnlyDictionary<string, string> attributes, ParticipantKind kind)
        : base(room, handle, sid, identity, name, metadata, attributes, kind)
    {
    }

    /// <summary>The participant's published tracks by track sid.</summary>
    public IReadOnlyDictionary<string, RemoteTrackPublication> TrackPublications => Publications;

    internal ConcurrentDictionary<string, RemoteTrackPublication> Publications { get; } = new(StringComparer.Ordinal);

    /// <summary>Releases the handles of the participant, its publications and tracks.</summary>
    internal void Release()
    {
        foreach (var publication in Publications.Values)
        {
            publication.Release();
        }
        Publications.Clear();
        Handle.Dispose();
    }
}
