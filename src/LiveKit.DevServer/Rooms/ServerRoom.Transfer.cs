using LiveKit.DevServer.Rooms.Media;
using LiveKit.Proto;

namespace LiveKit.DevServer.Rooms;

// MoveParticipant and ForwardParticipant (LiveKit Cloud features; self-hosted livekit-server lacks them).
// Both hold the two rooms' locks, always taken in sid order so that two transfers in opposite
// directions cannot deadlock.
internal sealed partial class ServerRoom
{
    /// <summary>How long a move waits for the moved client to answer its subscriber offer in flight.</summary>
    internal static readonly TimeSpan MoveHoldLimit = TimeSpan.FromSeconds(2);

    /// <summary>
    /// Moves a connected participant into <paramref name="destination"/> on its existing connections.
    /// The source room sees it leave; the client receives room_moved (new room, a fresh token from
    /// <paramref name="mintToken"/>, its info and the destination's participants), which livekit-client
    /// turns into <c>RoomEvent.Moved</c> and the Rust SDK into <c>RoomEvent::Moved</c>; the destination room
    /// sees it join with its published tracks.
    /// </summary>
    public static TransferOutcome Move(ServerRoom source, ServerRoom destination, string identity, Func<ParticipantInfo, string> mintToken) =>
        WithBoth(source, destination, () =>
        {
            if (source._closed || destination._closed)
            {
                return TransferOutcome.RoomClosed;
            }

            if (!source._participants.TryGetValue(identity, out var p))
            {
                return TransferOutcome.ParticipantNotFound;
            }

            if (p.ForwardedFrom is not null)
            {
                return TransferOutcome.NotMovable;
            }

            if (destination._participants.ContainsKey(identity))
            {
                return TransferOutcome.IdentityTaken;
            }

            if (destination._settings.MaxParticipants > 0 && destination._participants.Count >= destination._settings.MaxParticipants)
            {
                return TransferOutcome.DestinationFull;
            }

            source.DetachLocked(p, DisconnectReason.Migration);
            p.Room = destination;
            destination.AttachMovedLocked(p, mintToken);
            return TransferOutcome.Done;
        });

    /// <summary>
    /// Mirrors a participant into <paramref name="destination"/>: a participant with the same identity
    /// (kind detail FORWARDED) appears there with the original's published tracks, whose media the
    /// destination's subscribers receive. It follows the original's publishes, mutes and unpublishes, and
    /// disappears when the original leaves its room.
    /// </summary>
    public static TransferOutcome Forward(ServerRoom source, ServerRoom destination, string identity) =>
        WithBoth(source, destination, () =>
        {
            if (source._closed || destination._closed)
            {
                return TransferOutcome.RoomClosed;
            }

            if (!source._participants.TryGetValue(identity, out var origin))
            {
                return TransferOutcome.ParticipantNotFound;
            }

            if (origin.ForwardedFrom is not null)
            {
                return TransferOutcome.NotMovable;
            }

            if (destination._participants.ContainsKey(identity))
            {
                return TransferOutcome.IdentityTaken;
            }

            if (destination._settings.MaxParticipants > 0 && destination._participants.Count >= destination._settings.MaxParticipants)
            {
                return TransferOutcome.DestinationFull;
            }

            var permission = origin.Permission.Clone();
            permission.CanSubscribe = false;
            var spec = new ParticipantSpec
            {
                Identity = origin.Identity,
                Name = origin.Name,
                Metadata = origin.Metadata,
                Attributes = new Dictionary<string, string>(origin.Attributes),
                Kind = origin.Kind,
                KindDetails = [.. origin.KindDetails, ParticipantInfo.Types.KindDetail.Forwarded],
                Permission = permission,
                Client = origin.Client,
                AutoSubscribe = false,
            };
            var copy = new ServerParticipant(destination, spec, InertParticipantSignal.Instance, destination._context.NowMs) { ForwardedFrom = origin };
            copy.State = ParticipantInfo.Types.State.Active;
            foreach (var track in origin.Tracks)
            {
                if (track.IsPublished)
                {
                    copy.AddTrack(new PublishedTrack(track.Cid, track.Info.Clone()) { Media = track.Media });
                }
            }

            destination.CancelIdleTimerLocked();
            destination._participants.Add(copy.Identity, copy);
            destination.AnnounceLocked(copy);
            destination._context.Observer.OnParticipantJoined(destination.ToInfoLocked(), copy.ToInfo());
            origin.AddForward(copy);
            return TransferOutcome.Done;
        });

    /// <summary>A track the original of a forwarded copy published meanwhile.</summary>
    public static void AddForwardedTrack(ServerParticipant copy, TrackInfo info, IMediaTrack media) =>
        InRoomOf(copy, room =>
        {
            if (copy.FindTrack(info.Sid) is null)
            {
                var track = new PublishedTrack(info.Sid, info) { Media = media };
                copy.AddTrack(track);
                room.PublishLocked(copy, track);
            }
        });

    /// <summary>The original of a forwarded copy muted or unmuted a track.</summary>
    public static void SetForwardedMute(ServerParticipant copy, string trackSid, bool muted) =>
        InRoomOf(copy, room =>
        {
            if (copy.FindTrack(trackSid) is { } track)
            {
                room.SetMutedLocked(copy, track, muted);
            }
        });

    /// <summary>Queues <paramref name="action"/> for each forwarded copy of <paramref name="p"/>, outside this room's lock.</summary>
    private void PostToForwards(ServerParticipant p, Action<ServerParticipant> action)
    {
        foreach (var copy in p.ForwardsSnapshot())
        {
            _context.Background.Run(
                () =>
                {
                    action(copy);
                    return Task.CompletedTask;
                },
                e => LogBackgroundFailed(_logger, e));
        }
    }

    /// <summary>The original left: its copies leave their rooms too.</summary>
    private void DropForwardsOf(ServerParticipant p) =>
        PostToForwards(p, copy => Leave(copy, DisconnectReason.ParticipantRemoved));

    private void AttachMovedLocked(ServerParticipant p, Func<ParticipantInfo, string> mintToken)
    {
        CancelIdleTimerLocked();
        _participants.Add(p.Identity, p);
        p.BumpVersion();
        var self = p.ToInfo();
        var moved = new RoomMovedResponse { Room = ToInfoLocked(), Token = mintToken(self), Participant = self };
        moved.OtherParticipants.AddRange(VisibleOthersLocked(p));

        // The client must have applied the offer in flight before room_moved reaches it (see HoldableParticipantSignal).
        if (p.Negotiator is { } negotiator)
        {
            p.Signal.HoldUntil(negotiator.OfferAnswered, MoveHoldLimit, _context.Time);
        }

        // room_moved first: livekit-client drops every remote participant when it arrives, so updates
        // about the destination's participants must come after it.
        p.Signal.Send(SignalFrame.From(new SignalResponse { RoomMoved = moved }));
        AnnounceLocked(p);
        p.Negotiator?.NegotiationNeeded();
        _context.Observer.OnParticipantJoined(ToInfoLocked(), p.ToInfo());
    }

    private static TransferOutcome WithBoth(ServerRoom a, ServerRoom b, Func<TransferOutcome> action)
    {
        var (first, second) = string.CompareOrdinal(a.Sid, b.Sid) <= 0 ? (a, b) : (b, a);
        lock (first._gate)
        {
            lock (second._gate)
            {
                return action();
            }
        }
    }
}
