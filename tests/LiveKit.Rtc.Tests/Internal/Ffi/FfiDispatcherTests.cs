using System.Collections.Concurrent;
using Google.Protobuf;
using LiveKit.Rtc.Internal.Ffi;
using LiveKit.Rtc.Internal.Proto;
using Microsoft.Extensions.Logging.Abstractions;
using ProtoRoomEvent = LiveKit.Rtc.Internal.Proto.RoomEvent;

namespace LiveKit.Rtc.Tests.Internal.Ffi;

/// <summary>Routing without the native core: drops are recorded instead of performed.</summary>
public sealed class FfiDispatcherTests : IDisposable
{
    private readonly ConcurrentQueue<ulong> _dropped = new();
    private readonly NativeLogForwarder _logs = new();
    private readonly FfiDispatcher _dispatcher;

    public FfiDispatcherTests()
    {
        _dispatcher = new FfiDispatcher(id => { _dropped.Enqueue(id); return true; }, _logs, NullLogger.Instance);
    }

    public void Dispose() => _logs.Dispose();

    [Fact]
    public async Task Route_CallbackOfPendingCall_CompletesItsTask()
    {
        var call = new PendingCall(41, FfiRequest.MessageOneofCase.PublishData, null);
        _dispatcher.AddPending(call);

        _dispatcher.Route(new FfiEvent { PublishData = new PublishDataCallback { AsyncId = 41, Error = "nope" } }.ToByteArray());

        var result = await call.Completion.Task.WaitAsync(TimeSpan.FromSeconds(10));
        Assert.Equal("nope", result.PublishData.Error);
        Assert.Equal(0, _dispatcher.PendingCount);
    }

    [Fact]
    public async Task Route_CallbackAfterCancellation_HandsItToTheOrphanHandler()
    {
        var orphaned = new TaskCompletionSource<FfiEvent>(TaskCreationOptions.RunContinuationsAsynchronously);
        var call = new PendingCall(42, FfiRequest.MessageOneofCase.Connect, e => orphaned.SetResult(e));
        _dispatcher.AddPending(call);
        using var cts = new CancellationTokenSource();
        call.RegisterCancellation(cts.Token);

        cts.Cancel();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => call.Completion.Task);
        _dispatcher.Route(ConnectSuccess(42, roomHandle: 500).ToByteArray());

        var late = await orphaned.Task.WaitAsync(TimeSpan.FromSeconds(10));
        Assert.Equal(500UL, late.Connect.Result.Room.Handle.Id);
    }

    [Fact]
    public async Task Route_CancelledCallWithoutOrphanHandler_DropsEveryHandleTheCallbackCarries()
    {
        var call = new PendingCall(43, FfiRequest.MessageOneofCase.Connect, null);
        _dispatcher.AddPending(call);
        using var cts = new CancellationTokenSource();
        call.RegisterCancellation(cts.Token);
        cts.Cancel();

        _dispatcher.Route(ConnectSuccess(43, roomHandle: 600).ToByteArray());

        await WaitUntil(() => _dropped.Count == 5);
        Assert.Equal([600UL, 601, 602, 603, 604], _dropped.Order().ToArray());
    }

    [Fact]
    public void Route_RoomEventOfUnknownRoom_DropsItsHandles()
    {
        var e = new FfiEvent
        {
            RoomEvent = new ProtoRoomEvent
            {
                RoomHandle = 77,
                TrackPublished = new TrackPublished
                {
                    ParticipantIdentity = "p",
                    Publication = new OwnedTrackPublication { Handle = new FfiOwnedHandle { Id = 78 }, Info = PublicationInfo("TR_1") },
                },
            },
        };

        _dispatcher.Route(e.ToByteArray());

        Assert.Equal([78UL], _dropped);
        Assert.Equal(1, _dispatcher.UnroutedEvents);
    }

    [Fact]
    public void Route_FrameOfClosedStream_DropsTheFrameBuffer()
    {
        var e = new FfiEvent
        {
            AudioStreamEvent = new AudioStreamEvent
            {
                StreamHandle = 9,
                FrameReceived = new AudioFrameReceived
                {
                    Frame = new OwnedAudioFrameBuffer { Handle = new FfiOwnedHandle { Id = 10 }, Info = new AudioFrameBufferInfo { DataPtr = 1, NumChannels = 1, SampleRate = 48000, SamplesPerChannel = 480 } },
                },
            },
        };

        _dispatcher.Route(e.ToByteArray());

        Assert.Equal([10UL], _dropped);
    }

    [Fact]
    public void Route_RoomEventOfRegisteredRoom_ReachesItsSink()
    {
        var sink = new RecordingRoomSink();
        _dispatcher.AddRoom(5, sink);

        _dispatcher.Route(new FfiEvent { RoomEvent = new ProtoRoomEvent { RoomHandle = 5, RoomSidChanged = new RoomSidChanged { Sid = "RM_x" } } }.ToByteArray());
        _dispatcher.Route(new FfiEvent { RoomEvent = new ProtoRoomEvent { RoomHandle = 6, RoomSidChanged = new RoomSidChanged { Sid = "RM_y" } } }.ToByteArray());

        var only = Assert.Single(sink.Events);
        Assert.Equal("RM_x", only.RoomSidChanged.Sid);
    }

    [Fact]
    public void Route_Garbage_IsIgnoredWithoutThrowing()
    {
        _dispatcher.Route([0xFF, 0xFF, 0xFF, 0xFF, 0x0F, 0x22, 0x99]);
        _dispatcher.Route([]);

        Assert.Empty(_dropped);
    }

    private static FfiEvent ConnectSuccess(ulong asyncId, ulong roomHandle) => new()
    {
        Connect = new ConnectCallback
        {
            AsyncId = asyncId,
            Result = new ConnectCallback.Types.Result
            {
                Room = new OwnedRoom { Handle = new FfiOwnedHandle { Id = roomHandle }, Info = new RoomInfo { Name = "r", Metadata = "" } },
                LocalParticipant = Participant(roomHandle + 1, "me"),
                Participants =
                {
                    new ConnectCallback.Types.ParticipantWithTracks
                    {
                        Participant = Participant(roomHandle + 2, "other"),
                        Publications =
                        {
                            new OwnedTrackPublication { Handle = new FfiOwnedHandle { Id = roomHandle + 3 }, Info = PublicationInfo("TR_a") },
                            new OwnedTrackPublication { Handle = new FfiOwnedHandle { Id = roomHandle + 4 }, Info = PublicationInfo("TR_b") },
                        },
                    },
                },
            },
        },
    };

    private static OwnedParticipant Participant(ulong handle, string identity) => new()
    {
        Handle = new FfiOwnedHandle { Id = handle },
        Info = new ParticipantInfo { Sid = "PA_" + identity, Identity = identity, Name = identity, Metadata = "" },
    };

    private static TrackPublicationInfo PublicationInfo(string sid) => new()
    {
        Sid = sid,
        Name = "mic",
        Kind = LiveKit.Rtc.Internal.Proto.TrackKind.KindAudio,
        Source = LiveKit.Rtc.Internal.Proto.TrackSource.SourceMicrophone,
        MimeType = "audio/opus",
    };

    private static async Task WaitUntil(Func<bool> condition)
    {
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        while (!condition())
        {
            await Task.Delay(10, cts.Token);
        }
    }

    private sealed class RecordingRoomSink : IRoomEventSink
    {
        public ConcurrentQueue<ProtoRoomEvent> Events { get; } = new();

        public void OnRoomEvent(ProtoRoomEvent roomEvent) => Events.Enqueue(roomEvent);
    }
}
