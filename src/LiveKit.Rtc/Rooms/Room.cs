using System.Collections.Concurrent;
using System.Threading.Channels;
using LiveKit.Rtc.Conversion;
using LiveKit.Rtc.Internal;
using LiveKit.Rtc.Internal.Ffi;
using LiveKit.Rtc.Internal.Proto;
using ProtoRoomEvent = LiveKit.Rtc.Internal.Proto.RoomEvent;

namespace LiveKit.Rtc;

/// <summary>
/// A connection to one LiveKit room as one participant. Connect once, then read events, publish and
/// subscribe; <see cref="DisposeAsync"/> disconnects and releases every native handle of the room.
/// </summary>
/// <remarks>
/// Threading: the core's events for this room are queued on the thread that delivers them and processed in
/// order by one loop per room, which updates participants and tracks and then raises the .NET events (handlers
/// run on that loop: keep them short, and don't block on the room from them) and fills
/// <see cref="ReadEventsAsync"/>. Several rooms can be used concurrently in one process.
/// Participants, publications and tracks are owned by the room and released when they go away or when the
/// room is disposed. Local tracks, audio sources and audio streams belong to the caller.
/// </remarks>
public sealed partial class Room : IAsyncDisposable, IRoomEventSink
{
    private static readonly DynamicLogger s_logger = new("LiveKit.Rtc.Room");
    private static readonly TimeSpan DisposeDisconnectTimeout = TimeSpan.FromSeconds(10);
    private readonly ConcurrentDictionary<string, RemoteParticipant> _remote = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<TextStreamReader, byte> _openReaders = new();
    // Unbounded on purpose: room events carry owned handles and the room's state, so none may be dropped, and
    // they come at signalling rate. What is bounded is what waits for the application (_events, audio frames).
    private readonly Channel<ProtoRoomEvent> _inbox = Channel.CreateUnbounded<ProtoRoomEvent>(
        new UnboundedChannelOptions { SingleReader = true, AllowSynchronousContinuations = false });
    private readonly SemaphoreSlim _lifecycle = new(1, 1);
    private Channel<RoomEvent> _events;
    private FfiClient? _client;
    private FfiHandle? _handle;
    private LocalParticipant? _local;
    private Task _loop = Task.CompletedTask;
    private volatile ConnectionState _state = ConnectionState.Disconnected;
    private int _connectAttempted;
    private int _disposed;
    private long _droppedEvents;

    public Room()
    {
        _events = CreateEventChannel(new RoomOptions().EventQueueCapacity);
    }

    private Channel<RoomEvent> CreateEventChannel(int capacity) => Channel.CreateBounded<RoomEvent>(
        new BoundedChannelOptions(capacity) { FullMode = BoundedChannelFullMode.DropOldest, SingleReader = true },
        _ => Interlocked.Increment(ref _droppedEvents));

    /// <summary>The room's name (from the token), once connected.</summary>
    public string Name { get; private set; } = string.Empty;

    /// <summary>The server's id for this session of the room (may arrive shortly after connecting).</summary>
    public string Sid { get; private set; } = string.Empty;

    public string Metadata { get; private set; } = string.Empty;

    public ConnectionState ConnectionState => _state;

    public bool IsConnected => _state is ConnectionState.Connected or ConnectionState.Reconnecting;

    /// <summary>This client in the room.</summary>
    public LocalParticipant LocalParticipant => _local ?? throw ThrowHelper.NotConnected();

    /// <summary>The other participants, by identity.</summary>
    public IReadOnlyDictionary<string, RemoteParticipant> RemoteParticipants => _remote;

    /// <summary>The handle participants, publications and tracks of this room hold a reference on.</summary>
    internal FfiHandle HandleForChildren => _handle ?? throw ThrowHelper.NotConnected();

    /// <summary>
    /// Connects to <paramref name="url"/> (ws://, wss://, http:// or https://) with an access token. Completes
    /// when joined, with the participants already in the room listed. Throws <see cref="RoomConnectException"/>
    /// with the core's reason (and the server's HTTP status and message when it answered with one).
    /// A Room connects once; create another Room to connect again.
    /// </summary>
    public async Task ConnectAsync(string url, string token, RoomOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(url);
        ArgumentException.ThrowIfNullOrWhiteSpace(token);
        if (!Uri.TryCreate(url, UriKind.Absolute, out var uri) || uri.Scheme is not ("ws" or "wss" or "http" or "https") || string.IsNullOrEmpty(uri.Host))
        {
            throw new ArgumentException($"'{url}' is not a LiveKit server URL; expected ws://, wss://, http:// or https:// with a host.", nameof(url));
        }
        options ??= new RoomOptions();
        options.Validate();
        ObjectDisposedException.ThrowIf(Volatile.Read(ref _disposed) != 0, this);
        if (Interlocked.Exchange(ref _connectAttempted, 1) != 0)
        {
            throw ThrowHelper.AlreadyConnected();
        }

        var client = FfiClient.Instance;
        _client = client;
        _events = CreateEventChannel(options.EventQueueCapacity);
        string safeUrl = uri.GetLeftPart(UriPartial.Path);
        _state = ConnectionState.Connecting;

        ulong asyncId = client.NextAsyncId();
        var request = new FfiRequest
        {
            Connect = new ConnectRequest { Url = url, Token = token, Options = options.ToProto(), RequestAsyncId = asyncId },
        };
        ConnectCallback callback;
        long problemsBefore = FfiClient.Logs.LatestProblemSequence;
        try
        {
            await _lifecycle.WaitAsync(cancellationToken).ConfigureAwait(false);
            try
            {
                callback = (await client.RequestAsync(request, asyncId, cancellationToken, ReleaseAbandonedConnection).ConfigureAwait(false)).Connect;
                if (callback.MessageCase != ConnectCallback.MessageOneofCase.Result)
                {
                    string reason = string.IsNullOrEmpty(callback.Error) ? "the core gave no reason" : NativeLogForwarder.Redact(callback.Error);
                    Log.RoomConnectFailed(s_logger, reason);
                    // room.rs logs "error while connecting to a room" just before sending this callback; the log
                    // travels separately, so give it a moment to arrive before taking the diagnostics.
                    await FfiClient.Logs.WaitForProblemAsync(problemsBefore, m => m.StartsWith("error while connecting to a room", StringComparison.Ordinal), TimeSpan.FromMilliseconds(200)).ConfigureAwait(false);
                    throw ThrowHelper.ConnectFailed(safeUrl, reason, FfiClient.Logs.ProblemsSince(problemsBefore));
                }
                Attach(client, callback.Result);
            }
            finally
            {
                _lifecycle.Release();
            }
        }
        catch
        {
            _state = ConnectionState.Disconnected;
            throw;
        }
        Log.RoomConnected(s_logger, Name, _remote.Count);
    }

    /// <summary>Takes ownership of a successful connection and tells the core to start sending room events.</summary>
    private void Attach(FfiClient client, ConnectCallback.Types.Result result)
    {
        var handle = AttachState(client, result);
        using var lease = handle.Acquire(this);
        client.Request(new FfiRequest { ReadyForRoomEvent = new ReadyForRoomEventRequest { RoomHandle = lease.Id } });
    }

    /// <summary>Builds the room's state from a connect result and starts routing and the event loop (tests call it directly).</summary>
    internal FfiHandle AttachState(FfiClient client, ConnectCallback.Types.Result result)
    {
        var handle = new FfiHandle(result.Room.Handle.Id);
        _handle = handle;
        ApplyRoomInfo(result.Room.Info);
        _local = new LocalParticipant(this, client, new FfiHandle(result.LocalParticipant.Handle.Id, handle), result.LocalParticipant.Info);
        foreach (var p in result.Participants)
        {
            var participant = CreateRemoteParticipant(p.Participant);
            foreach (var publication in p.Publications)
            {
                AddPublication(participant, publication);
            }
        }

        // Route before signalling readiness, so no event can arrive without a receiver.
        _client = client;
        client.Dispatcher.AddRoom(handle.Id, this);
        _loop = Task.Run(ProcessEventsAsync);
        _state = ConnectionState.Connected;
        return handle;
    }

    /// <summary>
    /// A connection that succeeded after ConnectAsync was cancelled: the core waits for readiness while
    /// holding the room, so signal it, then disconnect and drop everything the callback carried.
    /// </summary>
    private static void ReleaseAbandonedConnection(FfiEvent ffiEvent)
    {
        var client = FfiClient.Instance;
        if (ffiEvent.Connect?.Result is not { } result)
        {
            return;
        }
        ulong roomId = result.Room.Handle.Id;
        try
        {
            client.Request(new FfiRequest { ReadyForRoomEvent = new ReadyForRoomEventRequest { RoomHandle = roomId } });
            ulong asyncId = client.NextAsyncId();
            var disconnected = client.RequestAsync(new FfiRequest
            {
                Disconnect = new DisconnectRequest { RoomHandle = roomId, RequestAsyncId = asyncId, Reason = Internal.Proto.DisconnectReason.ClientInitiated },
            }, asyncId, CancellationToken.None);
            disconnected.ContinueWith(_ => client.Dispatcher.DropAll(ffiEvent), CancellationToken.None,
                TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
        }
        catch (RtcException)
        {
            client.Dispatcher.DropAll(ffiEvent);
        }
    }

    /// <summary>Leaves the room; completes when the core closed the connection. Idempotent.</summary>
    public async Task DisconnectAsync(CancellationToken cancellationToken = default)
    {
        await _lifecycle.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            if (_handle is not { } handle || _client is not { } client || handle.IsClosed)
            {
                return;
            }
            ulong asyncId = client.NextAsyncId();
            Task<FfiEvent> completion;
            using (var lease = handle.Acquire(this))
            {
                completion = client.RequestAsync(new FfiRequest
                {
                    Disconnect = new DisconnectRequest { RoomHandle = lease.Id, RequestAsyncId = asyncId, Reason = Internal.Proto.DisconnectReason.ClientInitiated },
                }, asyncId, cancellationToken);
            }
            await completion.ConfigureAwait(false);
            await ReleaseAsync().ConfigureAwait(false);
        }
        finally
        {
            _lifecycle.Release();
        }
    }

    /// <summary>Disconnects (waiting up to 10 s for the core) and releases every handle of the room.</summary>
    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
        {
            return;
        }
        using (var timeout = new CancellationTokenSource(DisposeDisconnectTimeout))
        {
            try
            {
                await DisconnectAsync(timeout.Token).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                // The core did not confirm in time: release our side anyway.
            }
            catch (RtcException)
            {
                // Already gone on the core's side.
            }
        }
        await _lifecycle.WaitAsync().ConfigureAwait(false);
        try
        {
            await ReleaseAsync().ConfigureAwait(false);
        }
        finally
        {
            _lifecycle.Release();
        }
        _lifecycle.Dispose();
    }

    /// <summary>Stops routing, drains the event loop, and releases participants, publications, tracks and the room handle.</summary>
    private async Task ReleaseAsync()
    {
        if (_handle is { } handle && _client is { } client)
        {
            client.Dispatcher.RemoveRoom(handle.Id);
        }
        _inbox.Writer.TryComplete();
        await _loop.ConfigureAwait(false);
        // Events that raced past the routing removal were queued after completion was requested: drop their handles.
        while (_inbox.Reader.TryRead(out var leftover))
        {
            DropHandlesOf(leftover);
        }
        foreach (var reader in _openReaders.Keys)
        {
            reader.Dispose();
        }
        foreach (var participant in _remote.Values)
        {
            participant.Release();
        }
        _remote.Clear();
        _local?.Release();
        _handle?.Dispose();
        if (_state != ConnectionState.Disconnected)
        {
            _state = ConnectionState.Disconnected;
        }
        _events.Writer.TryComplete();
    }

    /// <summary>Core thread: queue and return at once.</summary>
    void IRoomEventSink.OnRoomEvent(ProtoRoomEvent roomEvent)
    {
        if (!_inbox.Writer.TryWrite(roomEvent))
        {
            DropHandlesOf(roomEvent);
        }
    }

    private static void DropHandlesOf(ProtoRoomEvent roomEvent)
    {
        var ids = new List<ulong>();
        OwnedHandles.AddRoomEvent(roomEvent, ids);
        foreach (ulong id in ids)
        {
            FfiClient.DropRaw(id);
        }
    }

    public override string ToString() => $"Room({Name}, {_state})";
}
