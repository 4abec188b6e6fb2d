using LiveKit.Rtc.Conversion;
using LiveKit.Rtc.Internal;
using LiveKit.Rtc.Internal.Ffi;
using LiveKit.Rtc.Internal.Proto;
using ProtoRoomEvent = LiveKit.Rtc.Internal.Proto.RoomEvent;

namespace LiveKit.Rtc;

public sealed partial class Room
{
    /// <summary>The room's event loop: applies the core's events in order, then tells the application.</summary>
    private async Task ProcessEventsAsync()
    {
        await foreach (var roomEvent in _inbox.Reader.ReadAllAsync().ConfigureAwait(false))
        {
            try
            {
                Apply(roomEvent);
            }
            catch (Exception ex) when (ex is not OutOfMemoryException)
            {
                Log.RoomEventHandlerFailed(s_logger, roomEvent.MessageCase.ToString(), Name, ex);
            }
        }
    }

    private void Apply(ProtoRoomEvent e)
    {
        switch (e.MessageCase)
        {
            case ProtoRoomEvent.MessageOneofCase.ParticipantConnected:
            {
                var participant = CreateRemoteParticipant(e.ParticipantConnected.Info);
                Log.ParticipantJoined(s_logger, participant.Identity, Name);
                Raise(ParticipantConnected, new ParticipantConnectedEvent(participant));
                break;
            }
            case ProtoRoomEvent.MessageOneofCase.ParticipantDisconnected:
            {
                var pd = e.ParticipantDisconnected;
                if (_remote.TryRemove(pd.ParticipantIdentity, out var participant))
                {
                    Log.ParticipantLeft(s_logger, participant.Identity, Name);
                    Raise(ParticipantDisconnected, new ParticipantDisconnectedEvent(participant, pd.DisconnectReason.ToPublic()));
                    participant.Release();
                }
                break;
            }
            case ProtoRoomEvent.MessageOneofCase.TrackPublished:
            {
                var tp = e.TrackPublished;
                if (!_remote.TryGetValue(tp.ParticipantIdentity, out var participant))
                {
                    FfiClient.DropRaw(tp.Publication.Handle.Id);
                    break;
                }
                var publication = AddPublication(participant, tp.Publication);
                Raise(TrackPublished, new TrackPublishedEvent(participant, publication));
                break;
            }
            case ProtoRoomEvent.MessageOneofCase.TrackUnpublished:
            {
                var tu = e.TrackUnpublished;
                if (_remote.TryGetValue(tu.ParticipantIdentity, out var participant)
                    && participant.Publications.TryRemove(tu.PublicationSid, out var publication))
                {
                    Raise(TrackUnpublished, new TrackUnpublishedEvent(participant, publication));
                    publication.Release();
                }
                break;
            }
            case ProtoRoomEvent.MessageOneofCase.TrackSubscribed:
            {
                var ts = e.TrackSubscribed;
                var info = ts.Track.Info;
                if (!_remote.TryGetValue(ts.ParticipantIdentity, out var participant)
                    || !participant.Publications.TryGetValue(info.Sid, out var publication))
                {
                    FfiClient.DropRaw(ts.Track.Handle.Id);
                    break;
                }
                var track = new RemoteTrack(new FfiHandle(ts.Track.Handle.Id, _handle), info.Sid, info.Name, info.Kind.ToPublic(), info.Muted);
                publication.Track?.Handle.Dispose();
                publication.Track = track;
                Raise(TrackSubscribed, new TrackSubscribedEvent(participant, publication, track));
                break;
            }
            case ProtoRoomEvent.MessageOneofCase.TrackUnsubscribed:
            {
                var tu = e.TrackUnsubscribed;
                if (_remote.TryGetValue(tu.ParticipantIdentity, out var participant)
                    && participant.Publications.TryGetValue(tu.TrackSid, out var publication)
                    && publication.Track is { } track)
                {
                    publication.Track = null;
                    Raise(TrackUnsubscribed, new TrackUnsubscribedEvent(participant, publication, track));
                    track.Handle.Dispose();
                }
                break;
            }
            case ProtoRoomEvent.MessageOneofCase.TrackSubscriptionFailed:
            {
                var tf = e.TrackSubscriptionFailed;
                Log.TrackSubscriptionFailed(s_logger, tf.TrackSid, tf.Error);
                if (_remote.TryGetValue(tf.ParticipantIdentity, out var participant))
                {
                    Raise<TrackSubscriptionFailedEvent>(null, new TrackSubscriptionFailedEvent(participant, tf.TrackSid, tf.Error));
                }
                break;
            }
            case ProtoRoomEvent.MessageOneofCase.TrackMuted:
                ApplyMute(e.TrackMuted.ParticipantIdentity, e.TrackMuted.TrackSid, muted: true);
                break;
            case ProtoRoomEvent.MessageOneofCase.TrackUnmuted:
                ApplyMute(e.TrackUnmuted.ParticipantIdentity, e.TrackUnmuted.TrackSid, muted: false);
                break;
            case ProtoRoomEvent.MessageOneofCase.LocalTrackUnpublished:
                if (_local is { } local && local.Publications.TryRemove(e.LocalTrackUnpublished.PublicationSid, out var localPublication))
                {
                    localPublication.Handle.Dispose();
                }
                break;
            case ProtoRoomEvent.MessageOneofCase.ActiveSpeakersChanged:
            {
                var speakers = e.ActiveSpeakersChanged.ParticipantIdentities.Select(FindParticipant).OfType<Participant>().ToList();
                Raise<ActiveSpeakersChangedEvent>(null, new ActiveSpeakersChangedEvent(speakers));
                break;
            }
            case ProtoRoomEvent.MessageOneofCase.RoomMetadataChanged:
            {
                string old = Metadata;
                Metadata = e.RoomMetadataChanged.Metadata;
                Raise<RoomMetadataChangedEvent>(null, new RoomMetadataChangedEvent(old, Metadata));
                break;
            }
            case ProtoRoomEvent.MessageOneofCase.RoomSidChanged:
                Sid = e.RoomSidChanged.Sid;
                break;
            case ProtoRoomEvent.MessageOneofCase.RoomUpdated:
                ApplyRoomInfo(e.RoomUpdated);
                break;
            case ProtoRoomEvent.MessageOneofCase.Moved:
                ApplyRoomInfo(e.Moved);
                break;
            case ProtoRoomEvent.MessageOneofCase.ParticipantMetadataChanged:
            {
                var pm = e.ParticipantMetadataChanged;
                if (FindParticipant(pm.ParticipantIdentity) is { } participant)
                {
                    string old = participant.Metadata;
                    participant.Metadata = pm.Metadata;
                    Raise(ParticipantMetadataChanged, new ParticipantMetadataChangedEvent(participant, old, pm.Metadata));
                }
                break;
            }
            case ProtoRoomEvent.MessageOneofCase.ParticipantNameChanged:
            {
                var pn = e.ParticipantNameChanged;
                if (FindParticipant(pn.ParticipantIdentity) is { } participant)
                {
                    string old = participant.Name;
                    participant.Name = pn.Name;
                    Raise<ParticipantNameChangedEvent>(null, new ParticipantNameChangedEvent(participant, old, pn.Name));
                }
                break;
            }
            case ProtoRoomEvent.MessageOneofCase.ParticipantAttributesChanged:
            {
                var pa = e.ParticipantAttributesChanged;
                if (FindParticipant(pa.ParticipantIdentity) is { } participant)
                {
                    participant.Attributes = ParticipantConversions.ToAttributes(pa.Attributes);
                    Raise(ParticipantAttributesChanged, new ParticipantAttributesChangedEvent(participant, ParticipantConversions.ToAttributes(pa.ChangedAttributes)));
                }
                break;
            }
            case ProtoRoomEvent.MessageOneofCase.ConnectionQualityChanged:
            {
                var cq = e.ConnectionQualityChanged;
                if (FindParticipant(cq.ParticipantIdentity) is { } participant)
                {
                    participant.ConnectionQuality = cq.Quality.ToPublic();
                    Raise<ConnectionQualityChangedEvent>(null, new ConnectionQualityChangedEvent(participant, participant.ConnectionQuality));
                }
                break;
            }
            case ProtoRoomEvent.MessageOneofCase.DataPacketReceived:
                ApplyData(e.DataPacketReceived);
                break;
            case ProtoRoomEvent.MessageOneofCase.TextStreamOpened:
            {
                var opened = e.TextStreamOpened;
                TextStreamReader? reader = null;
                reader = new TextStreamReader(new FfiHandle(opened.Reader.Handle.Id), opened.Reader.Info.ToPublic(), opened.ParticipantIdentity,
                    r => _openReaders.TryRemove(r, out _));
                _openReaders[reader] = 0;
                Raise(TextStreamReceived, new TextStreamReceivedEvent(reader));
                break;
            }
            case ProtoRoomEvent.MessageOneofCase.ByteStreamOpened:
                // Byte streams are not exposed: release the reader.
                FfiClient.DropRaw(e.ByteStreamOpened.Reader.Handle.Id);
                break;
            case ProtoRoomEvent.MessageOneofCase.DataTrackPublished:
                FfiClient.DropRaw(e.DataTrackPublished.Track.Handle.Id);
                break;
            case ProtoRoomEvent.MessageOneofCase.ConnectionStateChanged:
                SetState(e.ConnectionStateChanged.State.ToPublic());
                break;
            case ProtoRoomEvent.MessageOneofCase.Reconnecting:
                SetState(ConnectionState.Reconnecting);
                break;
            case ProtoRoomEvent.MessageOneofCase.Reconnected:
                SetState(ConnectionState.Connected);
                break;
            case ProtoRoomEvent.MessageOneofCase.Disconnected:
            {
                var reason = e.Disconnected.Reason.ToPublic();
                SetState(ConnectionState.Disconnected);
                Log.RoomDisconnected(s_logger, Name, reason);
                Raise(Disconnected, new DisconnectedEvent(reason));
                break;
            }
        }
    }

    private void SetState(ConnectionState state)
    {
        if (_state == state)
        {
            return;
        }
        _state = state;
        Raise(ConnectionStateChanged, new ConnectionStateChangedEvent(state));
    }

    private void ApplyMute(string identity, string trackSid, bool muted)
    {
        TrackPublication? publication = null;
        Participant? participant = FindParticipant(identity);
        switch (participant)
        {
            case RemoteParticipant remote when remote.Publications.TryGetValue(trackSid, out var rp):
                publication = rp;
                if (rp.Track is { } track)
                {
                    track.IsMuted = muted;
                }
                break;
            case LocalParticipant local when local.Publications.TryGetValue(trackSid, out var lp):
                publication = lp;
                break;
        }
        if (participant is not null && publication is not null)
        {
            publication.IsMuted = muted;
            Raise<TrackMutedEvent>(null, new TrackMutedEvent(participant, publication, muted));
        }
    }

    private unsafe void ApplyData(DataPacketReceived packet)
    {
        if (packet.ValueCase != DataPacketReceived.ValueOneofCase.User)
        {
            return;
        }
        var user = packet.User;
        byte[] payload;
        try
        {
            payload = new ReadOnlySpan<byte>((void*)user.Data.Data.DataPtr, checked((int)user.Data.Data.DataLen)).ToArray();
        }
        finally
        {
            FfiClient.DropRaw(user.Data.Handle.Id);
        }
        _remote.TryGetValue(packet.ParticipantIdentity, out var sender);
        var data = new DataPacket(payload, user.HasTopic ? user.Topic : null, packet.ParticipantIdentity, sender, packet.Kind == DataPacketKind.KindReliable);
        Raise(DataReceived, new DataReceivedEvent(data));
    }

    private Participant? FindParticipant(string identity)
    {
        if (_remote.TryGetValue(identity, out var remote))
        {
            return remote;
        }
        return _local is { } local && local.Identity == identity ? local : null;
    }

    private RemoteParticipant CreateRemoteParticipant(OwnedParticipant owned)
    {
        var info = owned.Info;
        var participant = new RemoteParticipant(this, new FfiHandle(owned.Handle.Id, _handle), info.Sid, info.Identity, info.Name, info.Metadata,
            ParticipantConversions.ToAttributes(info.Attributes), info.Kind.ToPublic());
        if (_remote.TryRemove(info.Identity, out var previous))
        {
            // Same identity again (a reconnect): the new handle replaces the old one.
            previous.Release();
        }
        _remote[info.Identity] = participant;
        return participant;
    }

    private RemoteTrackPublication AddPublication(RemoteParticipant participant, OwnedTrackPublication owned)
    {
        var info = owned.Info;
        var publication = new RemoteTrackPublication(new FfiHandle(owned.Handle.Id, _handle), info.Sid, info.Name,
            info.Kind.ToPublic(), info.Source.ToPublic(), info.MimeType, info.Muted);
        if (participant.Publications.TryRemove(info.Sid, out var previous))
        {
            previous.Release();
        }
        participant.Publications[info.Sid] = publication;
        return publication;
    }

    private void ApplyRoomInfo(RoomInfo info)
    {
        Name = info.Name;
        Metadata = info.Metadata;
        if (info.HasSid && !string.IsNullOrEmpty(info.Sid))
        {
            Sid = info.Sid;
        }
    }
}
