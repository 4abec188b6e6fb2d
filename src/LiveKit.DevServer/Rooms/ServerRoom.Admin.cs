using LiveKit.Proto;

namespace LiveKit.DevServer.Rooms;

// Participant and room changes from the API (RoomService) and the client's own metadata updates.
internal sealed partial class ServerRoom
{
    public IReadOnlyList<ParticipantInfo> ListParticipants()
    {
        lock (_gate)
        {
            return [.. _participants.Values.Select(p => p.ToInfo())];
        }
    }

    public ParticipantInfo? GetParticipant(string identity)
    {
        lock (_gate)
        {
            return _participants.TryGetValue(identity, out var p) ? p.ToInfo() : null;
        }
    }

    /// <summary>Disconnects a participant with leave(PARTICIPANT_REMOVED). False when there is none with that identity.</summary>
    public bool RemoveParticipant(string identity)
    {
        lock (_gate)
        {
            if (!_participants.TryGetValue(identity, out var p))
            {
                return false;
            }

            RemoveLocked(p, DisconnectReason.ParticipantRemoved, sendLeave: true);
            return true;
        }
    }

    /// <summary>Server-side mute: the publisher is told with <c>mute</c>, everyone with a participant update.</summary>
    public (bool ParticipantFound, TrackInfo? Track) MutePublishedTrack(string identity, string trackSid, bool muted)
    {
        lock (_gate)
        {
            if (!_participants.TryGetValue(identity, out var p))
            {
                return (false, null);
            }

            if (p.FindTrack(trackSid) is not { } track)
            {
                return (true, null);
            }

            p.Signal.Send(SignalFrame.From(new SignalResponse { Mute = new MuteTrackRequest { Sid = trackSid, Muted = muted } }));
            SetMutedLocked(p, track, muted);
            return (true, track.Info.Clone());
        }
    }

    /// <summary>
    /// Applies name, metadata, attributes (an empty value deletes the key) and permission from the API;
    /// empty name/metadata mean "unchanged", as in livekit-server. Null when the participant is unknown.
    /// </summary>
    public ParticipantInfo? UpdateParticipant(UpdateParticipantRequest request)
    {
        lock (_gate)
        {
            if (!_participants.TryGetValue(request.Identity, out var p))
            {
                return null;
            }

            ApplyMetadataLocked(p, request.Name, request.Metadata, request.Attributes);
            if (request.Permission is { } permission)
            {
                ApplyPermissionLocked(p, permission);
            }

            p.BumpVersion();
            BroadcastLocked(p, includeSelf: true);
            return p.ToInfo();
        }
    }

    /// <summary>The client changes its own name/metadata/attributes; answered with request_response.</summary>
    public static void UpdateOwnMetadata(ServerParticipant participant, UpdateParticipantMetadata update) =>
        InRoomOf(participant, room =>
        {
            RequestResponse.Types.Reason reason;
            string message;
            if (!participant.Permission.CanUpdateMetadata)
            {
                (reason, message) = (RequestResponse.Types.Reason.NotAllowed, "does not have permission to update own metadata");
            }
            else if (update.Name.Length > room._context.Limits.MaxNameLength)
            {
                (reason, message) = (RequestResponse.Types.Reason.LimitExceeded, "exceeds name length limit");
            }
            else if (!room._context.Limits.MetadataFits(update.Metadata))
            {
                (reason, message) = (RequestResponse.Types.Reason.LimitExceeded, "exceeds metadata size limit");
            }
            else if (!room._context.Limits.AttributesFit(MergedAttributes(participant, update.Attributes)))
            {
                (reason, message) = (RequestResponse.Types.Reason.LimitExceeded, "exceeds attributes size limit");
            }
            else
            {
                (reason, message) = (RequestResponse.Types.Reason.Ok, string.Empty);
                room.ApplyMetadataLocked(participant, update.Name, update.Metadata, update.Attributes);
                participant.BumpVersion();
                room.BroadcastLocked(participant, includeSelf: true);
            }

            participant.Signal.Send(SignalFrame.From(new SignalResponse
            {
                RequestResponse = new RequestResponse { RequestId = update.RequestId, Reason = reason, Message = message, UpdateMetadata = update },
            }));
        });

    /// <summary>Subscribes or unsubscribes a participant from the API. False when the participant is unknown.</summary>
    public bool UpdateSubscriptions(string identity, IEnumerable<string> trackSids, bool subscribe)
    {
        lock (_gate)
        {
            if (!_participants.TryGetValue(identity, out var p))
            {
                return false;
            }

            UpdateSubscriptionLocked(p, trackSids, subscribe);
            return true;
        }
    }

    /// <summary>Sets the room metadata and tells everyone with room_update.</summary>
    public Room UpdateMetadata(string metadata)
    {
        lock (_gate)
        {
            _settings = _settings with { Metadata = metadata };
            var info = ToInfoLocked();
            SendToAllLocked(SignalFrame.From(new SignalResponse { RoomUpdate = new RoomUpdate { Room = info } }));
            return info;
        }
    }

    /// <summary>The participant's attributes after applying <paramref name="changes"/> (an empty value deletes).</summary>
    public static Dictionary<string, string> MergedAttributes(ServerParticipant p, IEnumerable<KeyValuePair<string, string>> changes)
    {
        var merged = new Dictionary<string, string>(p.Attributes, StringComparer.Ordinal);
        foreach (var (key, value) in changes)
        {
            if (value.Length == 0)
            {
                merged.Remove(key);
            }
            else
            {
                merged[key] = value;
            }
        }

        return merged;
    }

    private void ApplyMetadataLocked(ServerParticipant p, string name, string metadata, IEnumerable<KeyValuePair<string, string>> attributes)
    {
        if (name.Length > 0)
        {
            p.Name = name;
        }

        if (metadata.Length > 0)
        {
            p.Metadata = metadata;
        }

        var changes = attributes.ToList();
        var merged = MergedAttributes(p, changes);
        p.Attributes.Clear();
        foreach (var (key, value) in merged)
        {
            p.Attributes[key] = value;
        }

        PostToForwards(p, copy => MirrorMetadata(copy, name, metadata, changes));
    }

    /// <summary>Revoking publish unpublishes the participant's tracks; revoking subscribe drops its subscriptions.</summary>
    private void ApplyPermissionLocked(ServerParticipant p, ParticipantPermission permission)
    {
        p.Permission = permission.Clone();
        if (!permission.CanPublish)
        {
            foreach (var track in p.Tracks.ToList())
            {
                UnpublishLocked(p, track, notifyPublisher: true);
            }
        }

        if (!permission.CanSubscribe)
        {
            foreach (var sid in p.Subscriptions.ToList())
            {
                UnsubscribeLocked(p, sid);
            }
        }
    }

    private static void MirrorMetadata(ServerParticipant copy, string name, string metadata, List<KeyValuePair<string, string>> attributes) =>
        InRoomOf(copy, room =>
        {
            room.ApplyMetadataLocked(copy, name, metadata, attributes);
            copy.BumpVersion();
            room.BroadcastLocked(copy, includeSelf: false);
        });
}
