using System.Runtime.InteropServices;
using System.Text;
using LiveKit.Rtc.Internal.Ffi;
using LiveKit.Rtc.Internal.Proto;
using ProtoRoomEvent = LiveKit.Rtc.Internal.Proto.RoomEvent;
using ProtoTrackKind = LiveKit.Rtc.Internal.Proto.TrackKind;
using ProtoTrackSource = LiveKit.Rtc.Internal.Proto.TrackSource;
using ProtoDisconnectReason = LiveKit.Rtc.Internal.Proto.DisconnectReason;
using ProtoTextStreamInfo = LiveKit.Rtc.Internal.Proto.TextStreamInfo;

namespace LiveKit.Rtc.Tests.Rooms;

/// <summary>
/// The room's event loop fed with the core's events as the dispatcher delivers them, without a server: the
/// room is attached to a fabricated connect result (handle ids far above any the core hands out, so releasing
/// them only makes the core log "unknown handle").
/// </summary>
public sealed class RoomEventTests
{
    private static ulong s_nextId = 1UL << 60;

    private static ulong NextId() => Interlocked.Increment(ref s_nextId);

    private static OwnedParticipant Participant(string identity, params (string Key, string Value)[] attributes)
    {
        var info = new ParticipantInfo { Sid = "PA_" + identity, Identity = identity, Name = identity, Metadata = "" };
        foreach (var (key, value) in attributes)
        {
            info.Attributes[key] = value;
        }
        return new OwnedParticipant { Handle = new FfiOwnedHandle { Id = NextId() }, Info = info };
    }

    private static OwnedTrackPublication Publication(string sid) => new()
    {
        Handle = new FfiOwnedHandle { Id = NextId() },
        Info = new TrackPublicationInfo { Sid = sid, Name = "mic", Kind = ProtoTrackKind.KindAudio, Source = ProtoTrackSource.SourceMicrophone, MimeType = "audio/opus" },
    };

    private static (Room Room, ulong RoomHandle, FfiClient Client) Attach()
    {
        var client = FfiClient.Instance;
        ulong roomHandle = NextId();
        var room = new Room();
        room.AttachState(client, new ConnectCallback.Types.Result
        {
            Room = new OwnedRoom { Handle = new FfiOwnedHandle { Id = roomHandle }, Info = new RoomInfo { Sid = "RM_1", Name = "call-R", Metadata = "m" } },
            LocalParticipant = Participant("bot"),
            Participants = { new ConnectCallback.Types.ParticipantWithTracks { Participant = Participant("caller"), Publications = { Publication("TR_caller") } } },
        });
        return (room, roomHandle, client);
    }

    private static void Deliver(FfiClient client, ulong roomHandle, Action<ProtoRoomEvent> fill)
    {
        var e = new ProtoRoomEvent { RoomHandle = roomHandle };
        fill(e);
        client.Dispatcher.Route(Google.Protobuf.MessageExtensions.ToByteArray(new FfiEvent { RoomEvent = e }));
    }

    [Fact]
    public async Task Events_FromTheCore_UpdateStateAndComeOutInOrder()
    {
        long handles = RtcRuntime.LiveHandleCount;
        var (room, roomHandle, client) = Attach();
        var typed = new List<string>();
        room.ParticipantConnected += (_, e) => typed.Add("connected " + e.Participant.Identity);
        room.TrackSubscribed += (_, e) => typed.Add("subscribed " + e.Track.Sid);
        room.DataReceived += (_, e) => typed.Add("data " + e.Packet.Topic);
        room.Disconnected += (_, e) => typed.Add("disconnected " + e.Reason);
        byte[] payload = Encoding.UTF8.GetBytes("{\"state\":\"Requested\"}");
        var pinned = GCHandle.Alloc(payload, GCHandleType.Pinned);
        try
        {
            Assert.Equal("call-R", room.Name);
            Assert.Equal("bot", room.LocalParticipant.Identity);
            Assert.Equal(["caller"], room.RemoteParticipants.Keys);
            Assert.Equal(["TR_caller"], room.RemoteParticipants["caller"].TrackPublications.Keys);

            Deliver(client, roomHandle, e => e.ParticipantConnected = new ParticipantConnected { Info = Participant("agent-b", ("role", "agent")) });
            Deliver(client, roomHandle, e => e.TrackPublished = new TrackPublished { ParticipantIdentity = "agent-b", Publication = Publication("TR_b") });
            Deliver(client, roomHandle, e => e.TrackSubscribed = new TrackSubscribed
            {
                ParticipantIdentity = "agent-b",
                Track = new OwnedTrack { Handle = new FfiOwnedHandle { Id = NextId() }, Info = new TrackInfo { Sid = "TR_b", Name = "mic", Kind = ProtoTrackKind.KindAudio } },
            });
            Deliver(client, roomHandle, e => e.ParticipantAttributesChanged = new ParticipantAttributesChanged
            {
                ParticipantIdentity = "agent-b",
                Attributes = { new AttributesEntry { Key = "role", Value = "agent" }, new AttributesEntry { Key = "status", Value = "busy" } },
                ChangedAttributes = { new AttributesEntry { Key = "status", Value = "busy" } },
            });
            Deliver(client, roomHandle, e => e.DataPacketReceived = new DataPacketReceived
            {
                Kind = DataPacketKind.KindReliable,
                ParticipantIdentity = "agent-b",
                User = new UserPacket
                {
                    Topic = "wt.transfer",
                    Data = new OwnedBuffer { Handle = new FfiOwnedHandle { Id = NextId() }, Data = new BufferInfo { DataPtr = (ulong)pinned.AddrOfPinnedObject(), DataLen = (ulong)payload.Length } },
                },
            });
            Deliver(client, roomHandle, e => e.TrackUnsubscribed = new TrackUnsubscribed { ParticipantIdentity = "agent-b", TrackSid = "TR_b" });
            Deliver(client, roomHandle, e => e.ParticipantDisconnected = new ParticipantDisconnected { ParticipantIdentity = "agent-b", DisconnectReason = ProtoDisconnectReason.ClientInitiated });
            Deliver(client, roomHandle, e => e.Disconnected = new Disconnected { Reason = ProtoDisconnectReason.RoomDeleted });

            var events = new List<RoomEvent>();
            using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(30));
            await foreach (var e in room.ReadEventsAsync(cts.Token))
            {
                events.Add(e);
                if (e is DisconnectedEvent)
                {
                    break;
                }
            }

            Assert.Collection(events,
                e => Assert.Equal("agent-b", Assert.IsType<ParticipantConnectedEvent>(e).Participant.Identity),
                e => Assert.Equal("TR_b", Assert.IsType<TrackPublishedEvent>(e).Publication.Sid),
                e => Assert.Equal("TR_b", Assert.IsType<TrackSubscribedEvent>(e).Track.Sid),
                e => Assert.Equal("busy", Assert.IsType<ParticipantAttributesChangedEvent>(e).Changed["status"]),
                e =>
                {
                    var packet = Assert.IsType<DataReceivedEvent>(e).Packet;
                    Assert.Equal(("wt.transfer", "agent-b", true), (packet.Topic, packet.ParticipantIdentity, packet.Reliable));
                    Assert.Equal("{\"state\":\"Requested\"}", Encoding.UTF8.GetString(packet.Payload.Span));
                },
                e => Assert.Equal("TR_b", Assert.IsType<TrackUnsubscribedEvent>(e).Track.Sid),
                e => Assert.Equal(DisconnectReason.ClientInitiated, Assert.IsType<ParticipantDisconnectedEvent>(e).Reason),
                e => Assert.Equal(ConnectionState.Disconnected, Assert.IsType<ConnectionStateChangedEvent>(e).State),
                e => Assert.Equal(DisconnectReason.RoomDeleted, Assert.IsType<DisconnectedEvent>(e).Reason));
            Assert.Equal(["connected agent-b", "subscribed TR_b", "data wt.transfer", "disconnected RoomDeleted"], typed);
            Assert.False(room.RemoteParticipants.ContainsKey("agent-b"));
            Assert.Equal(ConnectionState.Disconnected, room.ConnectionState);
        }
        finally
        {
            await room.DisposeAsync();
            pinned.Free();
        }
        Assert.Equal(handles, RtcRuntime.LiveHandleCount);
    }

    [Fact]
    public async Task ThrowingHandler_DoesNotStopOtherHandlersOrTheLoop()
    {
        var (room, roomHandle, client) = Attach();
        var seen = new List<string>();
        room.ParticipantConnected += (_, _) => throw new InvalidOperationException("handler bug");
        room.ParticipantConnected += (_, e) => seen.Add(e.Participant.Identity);
        try
        {
            Deliver(client, roomHandle, e => e.ParticipantConnected = new ParticipantConnected { Info = Participant("one") });
            Deliver(client, roomHandle, e => e.ParticipantConnected = new ParticipantConnected { Info = Participant("two") });

            using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(30));
            int connected = 0;
            await foreach (var e in room.ReadEventsAsync(cts.Token))
            {
                if (e is ParticipantConnectedEvent && ++connected == 2)
                {
                    break;
                }
            }
            Assert.Equal(["one", "two"], seen);
        }
        finally
        {
            await room.DisposeAsync();
        }
    }

    [Fact]
    public async Task TextStreamNeverRead_IsReleasedWithTheRoom()
    {
        long handles = RtcRuntime.LiveHandleCount;
        var (room, roomHandle, client) = Attach();
        var received = new TaskCompletionSource<TextStreamReader>(TaskCreationOptions.RunContinuationsAsynchronously);
        room.TextStreamReceived += (_, e) => received.TrySetResult(e.Reader);

        Deliver(client, roomHandle, e => e.TextStreamOpened = new TextStreamOpened
        {
            ParticipantIdentity = "caller",
            Reader = new OwnedTextStreamReader
            {
                Handle = new FfiOwnedHandle { Id = NextId() },
                Info = new ProtoTextStreamInfo { StreamId = "S1", Timestamp = 1_700_000_000_000, MimeType = "text/plain", Topic = "lk.transcription", Attributes = { ["lk.segment_id"] = "SG_1" } },
            },
        });

        var reader = await received.Task.WaitAsync(TimeSpan.FromSeconds(30));
        Assert.Equal(("S1", "lk.transcription", "SG_1", "caller"), (reader.Info.Id, reader.Info.Topic, reader.Info.Attributes["lk.segment_id"], reader.ParticipantIdentity));
        Assert.Equal(DateTimeOffset.FromUnixTimeMilliseconds(1_700_000_000_000), reader.Info.Timestamp);

        await room.DisposeAsync();

        Assert.Equal(handles, RtcRuntime.LiveHandleCount);
        Assert.Throws<InvalidOperationException>(() => reader.GetAsyncEnumerator());
    }
}
