using LiveKit.DevServer.Rooms.Media;
using LiveKit.Proto;

namespace LiveKit.DevServer.Rooms;

// Publishing, muting and subscribing (srv:rtc/participant.go AddTrack, room.go onTrackPublished).
internal sealed partial class ServerRoom
{
    /// <summary>
    /// The client announces a track: it gets its sid back in track_published right away (both SDKs time
    /// out after 10 s); the room learns about the track once its media arrives.
    /// </summary>
    public static void AddTrack(ServerParticipant participant, AddTrackRequest request) =>
        InRoomOf(participant, _ => AddTrackLocked(participant, request));

    /// <summary>The client muted or unmuted one of its tracks.</summary>
    public static void MuteOwnTrack(ServerParticipant participant, MuteTrackRequest request) =>
        InRoomOf(participant, room =>
        {
            if (participant.FindTrack(request.Sid) is not { } track)
            {
                participant.Signal.Send(RequestResponseFrame(0, RequestResponse.Types.Reason.NotFound, $"track {request.Sid} is not published by this participant"));
                return;
            }

            room.SetMutedLocked(participant, track, request.Muted);
        });

    /// <summary>Media of an announced track arrived (raised by the media session): announce it and subscribe the others.</summary>
    public static void OnMediaTrackPublished(ServerParticipant participant, string cid, IMediaTrack media) =>
        InRoomOf(participant, room =>
        {
            if (participant.FindTrackByCid(cid) is not { IsPublished: false } track)
            {
                return;
            }

            track.Media = media;
            if (media.MimeType.Length > 0)
            {
                track.Info.MimeType = media.MimeType;
            }

            room.PublishLocked(participant, track);
            var forwarded = track.Info.Clone();
            room.PostToForwards(participant, copy => AddForwardedTrack(copy, forwarded, media));
        });

    /// <summary>The publisher stopped a track (media renegotiated away, or its publish permission was revoked).</summary>
    public static void UnpublishTrack(ServerParticipant participant, string trackSid) =>
        InRoomOf(participant, room =>
        {
            if (participant.FindTrack(trackSid) is { } track)
            {
                room.UnpublishLocked(participant, track, notifyPublisher: true);
                room.PostToForwards(participant, copy => UnpublishTrack(copy, trackSid));
            }
        });

    /// <summary>Explicit subscription changes (auto_subscribe=0 clients, or RoomService.UpdateSubscriptions).</summary>
    public static void UpdateSubscription(ServerParticipant participant, IEnumerable<string> trackSids, bool subscribe) =>
        InRoomOf(participant, room => room.UpdateSubscriptionLocked(participant, trackSids, subscribe));

    private static void AddTrackLocked(ServerParticipant p, AddTrackRequest request)
    {
        if (request.Type is not (TrackType.Audio or TrackType.Video))
        {
            p.Signal.Send(RequestResponseFrame(0, RequestResponse.Types.Reason.InvalidRequest, $"track type {request.Type} cannot be published as a media track", request));
            return;
        }

        if (!p.Permission.CanPublish || (p.Permission.CanPublishSources.Count > 0 && !p.Permission.CanPublishSources.Contains(request.Source)))
        {
            p.Signal.Send(RequestResponseFrame(0, RequestResponse.Types.Reason.NotAllowed, $"not allowed to publish a {request.Source} track", request));
            return;
        }

        if (p.FindTrackByCid(request.Cid) is { } existing)
        {
            p.Signal.Send(TrackPublishedFrame(request.Cid, existing.Info));
            return;
        }

        var info = new TrackInfo
        {
            Sid = Sids.New(Sids.Track),
            Type = request.Type,
            Name = request.Name,
            Source = request.Source,
            Muted = request.Muted,
            Width = request.Width,
            Height = request.Height,
            DisableDtx = request.DisableDtx,
            DisableRed = request.DisableRed,
            Stereo = request.Stereo,
            Encryption = request.Encryption,
            Stream = request.Stream,
            BackupCodecPolicy = request.BackupCodecPolicy,
            MimeType = MimeTypeOf(request),
        };
        info.AudioFeatures.AddRange(request.AudioFeatures);
        info.PacketTrailerFeatures.AddRange(request.PacketTrailerFeatures);
        info.Layers.AddRange(request.Layers);
        foreach (var codec in request.SimulcastCodecs)
        {
            var codecInfo = new SimulcastCodecInfo { MimeType = CodecMime(request.Type, codec.Codec), Cid = codec.Cid, VideoLayerMode = codec.VideoLayerMode };
            codecInfo.Layers.AddRange(codec.Layers);
            info.Codecs.Add(codecInfo);
        }

        var track = new PublishedTrack(request.Cid, info);
        p.AddTrack(track);
        p.Signal.Send(TrackPublishedFrame(request.Cid, info));
        p.Media.ExpectTrack(new PendingTrack(request.Cid, info.Clone()));
    }

    private void PublishLocked(ServerParticipant p, PublishedTrack track)
    {
        // The update must reach the others before any subscriber offer carrying the track: both SDKs drop
        // tracks of participants they do not know (rs:room/mod.rs, lkc:Room.ts).
        p.BumpVersion();
        BroadcastLocked(p, includeSelf: false);
        SubscribeOthersLocked(p, track);
        _context.Observer.OnTrackPublished(ToInfoLocked(), p.ToInfo(), track.Info.Clone());
    }

    private void SubscribeOthersLocked(ServerParticipant publisher, PublishedTrack track)
    {
        foreach (var other in _participants.Values)
        {
            if (ShouldAutoSubscribe(other, publisher, track))
            {
                SubscribeLocked(other, publisher, track);
            }
        }
    }

    private void UnpublishLocked(ServerParticipant p, PublishedTrack track, bool notifyPublisher)
    {
        var wasPublished = track.IsPublished;
        p.RemoveTrack(track);
        if (notifyPublisher)
        {
            p.Signal.Send(SignalFrame.From(new SignalResponse { TrackUnpublished = new TrackUnpublishedResponse { TrackSid = track.Sid } }));
        }

        if (!wasPublished)
        {
            return;
        }

        foreach (var other in _participants.Values)
        {
            UnsubscribeLocked(other, track.Sid);
        }

        p.BumpVersion();
        BroadcastLocked(p, includeSelf: false);
        _context.Observer.OnTrackUnpublished(ToInfoLocked(), p.ToInfo(), track.Info.Clone());
    }

    private void SetMutedLocked(ServerParticipant p, PublishedTrack track, bool muted)
    {
        if (track.Info.Muted == muted)
        {
            return;
        }

        track.Info.Muted = muted;
        if (track.IsPublished)
        {
            p.BumpVersion();
            BroadcastLocked(p, includeSelf: false);
        }

        PostToForwards(p, copy => SetForwardedMute(copy, track.Sid, muted));
    }

    private void UpdateSubscriptionLocked(ServerParticipant p, IEnumerable<string> trackSids, bool subscribe)
    {
        foreach (var sid in trackSids)
        {
            var (publisher, track) = FindPublishedTrackLocked(sid);
            if (publisher is null || track is null || ReferenceEquals(publisher, p))
            {
                p.Signal.Send(SignalFrame.From(new SignalResponse
                {
                    SubscriptionResponse = new SubscriptionResponse { TrackSid = sid, Err = SubscriptionError.SeTrackNotfound },
                }));
                continue;
            }

            if (subscribe)
            {
                p.Unsubscribed.Remove(sid);
                if (p.Permission.CanSubscribe && track.IsPublished)
                {
                    SubscribeLocked(p, publisher, track);
                }
            }
            else
            {
                p.Unsubscribed.Add(sid);
                UnsubscribeLocked(p, sid);
            }
        }
    }

    private (ServerParticipant? Publisher, PublishedTrack? Track) FindPublishedTrackLocked(string sid)
    {
        foreach (var p in _participants.Values)
        {
            if (p.FindTrack(sid) is { } track)
            {
                return (p, track);
            }
        }

        return (null, null);
    }

    private static bool ShouldAutoSubscribe(ServerParticipant subscriber, ServerParticipant publisher, PublishedTrack track) =>
        !ReferenceEquals(subscriber, publisher)
        && subscriber.ForwardedFrom is null
        && subscriber.AutoSubscribe
        && subscriber.Permission.CanSubscribe
        && !publisher.IsHidden
        && !subscriber.Unsubscribed.Contains(track.Sid);

    private static void SubscribeLocked(ServerParticipant subscriber, ServerParticipant publisher, PublishedTrack track)
    {
        if (track.Media is null || !subscriber.Subscriptions.Add(track.Sid))
        {
            return;
        }

        subscriber.Media.AddSubscribedTrack(new SubscribedTrack(publisher.Sid, track.Info.Clone(), track.Media));
        subscriber.Negotiator?.NegotiationNeeded();
        if (!track.SubscribedNotified)
        {
            track.SubscribedNotified = true;
            publisher.Signal.Send(SignalFrame.From(new SignalResponse { TrackSubscribed = new TrackSubscribed { TrackSid = track.Sid } }));
        }
    }

    private static void UnsubscribeLocked(ServerParticipant subscriber, string trackSid)
    {
        if (subscriber.Subscriptions.Remove(trackSid))
        {
            subscriber.Media.RemoveSubscribedTrack(trackSid);
            subscriber.Negotiator?.NegotiationNeeded();
        }
    }

    private static string MimeTypeOf(AddTrackRequest request)
    {
        if (request.SimulcastCodecs.Count > 0 && request.SimulcastCodecs[0].Codec.Length > 0)
        {
            return CodecMime(request.Type, request.SimulcastCodecs[0].Codec);
        }

        return request.Type == TrackType.Audio ? "audio/opus" : "video/VP8";
    }

    private static string CodecMime(TrackType type, string codec) =>
        codec.Contains('/', StringComparison.Ordinal) ? codec : (type == TrackType.Audio ? "audio/" : "video/") + codec;

    private static SignalFrame TrackPublishedFrame(string cid, TrackInfo info) =>
        SignalFrame.From(new SignalResponse { TrackPublished = new TrackPublishedResponse { Cid = cid, Track = info.Clone() } });

    private static SignalFrame RequestResponseFrame(uint requestId, RequestResponse.Types.Reason reason, string message, AddTrackRequest? addTrack = null)
    {
        var response = new RequestResponse { RequestId = requestId, Reason = reason, Message = message };
        if (addTrack is not null)
        {
            response.AddTrack = addTrack;
        }

        return SignalFrame.From(new SignalResponse { RequestResponse = response });
    }
}
