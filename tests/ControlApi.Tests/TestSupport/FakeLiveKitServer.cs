using System.Net;
using System.Text.Json;
using System.Threading.Channels;
using Google.Protobuf;
using LiveKit.Api;
using LiveKit.Proto;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace WarmTransfer.ControlApi.Tests.TestSupport;

/// <summary>
/// A hand-written fake of LiveKit's RoomService and AgentDispatchService (Twirp, binary protobuf) on a loopback
/// port. It checks each call's token and grants like the real server, keeps rooms and participants, records
/// dispatches and data packets, and (when <see cref="WebhookTarget"/> is set) sends signed webhooks for joins,
/// leaves and finished rooms, asynchronously and in order, as LiveKit does. Until the dev server lands this is what
/// the control API's tests talk to.
/// </summary>
public sealed class FakeLiveKitServer : IAsyncDisposable
{
    public const string ApiKey = "devkey";
    public const string ApiSecret = "secret";

    private readonly object _gate = new();
    private readonly Dictionary<string, FakeRoom> _rooms = new(StringComparer.Ordinal);
    private readonly List<CreateAgentDispatchRequest> _dispatches = [];
    private readonly List<SendDataRequest> _data = [];
    private readonly List<string> _calls = [];
    private readonly List<(Func<bool> Condition, TaskCompletionSource Done)> _waiters = [];
    private readonly TokenVerifier _verifier = new(ApiKey, ApiSecret);
    private readonly WebhookSigner _signer = new(ApiKey, ApiSecret);
    private readonly Channel<WebhookEvent> _webhooks = Channel.CreateUnbounded<WebhookEvent>();
    private readonly HttpClient _webhookClient = new();
    private readonly WebApplication _app;
    private Task? _webhookPump;
    private int _sids;
    private int _pendingWebhooks;

    private FakeLiveKitServer(WebApplication app)
    {
        _app = app;
    }

    /// <summary>The server URL in the form the control API is configured with.</summary>
    public string Url { get; private set; } = string.Empty;

    /// <summary>Answer MoveParticipant (true, like LiveKit Cloud and the dev server) or <c>unimplemented</c> (self-hosted LiveKit).</summary>
    public bool SupportsMove { get; set; } = true;

    /// <summary>Called with each method name before it runs; return an error to make the call fail.</summary>
    public Func<string, TwirpException?>? Fail { get; set; }

    /// <summary>Where to send webhooks; null sends none.</summary>
    public Uri? WebhookTarget { get; set; }

    public IReadOnlyList<CreateAgentDispatchRequest> Dispatches
    {
        get
        {
            lock (_gate)
            {
                return [.. _dispatches];
            }
        }
    }

    public IReadOnlyList<SendDataRequest> DataPackets
    {
        get
        {
            lock (_gate)
            {
                return [.. _data];
            }
        }
    }

    /// <summary>Every Twirp method called, in order.</summary>
    public IReadOnlyList<string> Calls
    {
        get
        {
            lock (_gate)
            {
                return [.. _calls];
            }
        }
    }

    public static async Task<FakeLiveKitServer> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseKestrel(o => o.Listen(IPAddress.Loopback, 0));
        var app = builder.Build();
        var server = new FakeLiveKitServer(app);
        app.MapPost("/twirp/livekit.{service}/{method}", (HttpContext context, string service, string method) => server.HandleAsync(context, service, method));
        await app.StartAsync();
        server.Url = app.Urls.Single().Replace("http://", "ws://", StringComparison.Ordinal);
        server._webhookPump = Task.Run(server.PumpWebhooksAsync);
        return server;
    }

    public bool HasRoom(string room)
    {
        lock (_gate)
        {
            return _rooms.ContainsKey(room);
        }
    }

    public IReadOnlyList<string> Participants(string room)
    {
        lock (_gate)
        {
            return _rooms.TryGetValue(room, out var r) ? [.. r.Participants.Select(p => p.Identity)] : [];
        }
    }

    /// <summary>A participant connects (the room is created if needed, as LiveKit does on join).</summary>
    public void Join(string room, string identity, bool isAgent = false)
    {
        lock (_gate)
        {
            var r = GetOrCreate(room, string.Empty);
            r.Participants.RemoveAll(p => p.Identity == identity);
            var participant = new ParticipantInfo
            {
                Sid = "PA_" + Interlocked.Increment(ref _sids),
                Identity = identity,
                Name = identity,
                State = ParticipantInfo.Types.State.Active,
                Kind = isAgent ? ParticipantInfo.Types.Kind.Agent : ParticipantInfo.Types.Kind.Standard,
                JoinedAt = DateTimeOffset.UtcNow.ToUnixTimeSeconds(),
            };
            r.Participants.Add(participant);
            QueueWebhook(WebhookEventNames.ParticipantJoined, r, participant);
            Changed();
        }
    }

    /// <summary>A participant disconnects (hangs up).</summary>
    public void Leave(string room, string identity)
    {
        lock (_gate)
        {
            if (_rooms.TryGetValue(room, out var r) && r.Participants.Find(p => p.Identity == identity) is { } participant)
            {
                r.Participants.Remove(participant);
                QueueWebhook(WebhookEventNames.ParticipantLeft, r, participant);
                Changed();
            }
        }
    }

    /// <summary>Completes when <paramref name="condition"/> (evaluated under the fake's lock after every change) holds.</summary>
    public async Task WaitUntilAsync(Func<FakeLiveKitServer, bool> condition, TimeSpan? timeout = null)
    {
        var done = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        lock (_gate)
        {
            if (condition(this))
            {
                return;
            }

            _waiters.Add((() => condition(this), done));
        }

        await done.Task.WaitAsync(timeout ?? TestDefaults.Timeout);
    }

    /// <summary>The <c>wt.transfer</c> packets sent into <paramref name="room"/>, decoded.</summary>
    public IReadOnlyList<JsonElement> TransferSignals(string room) =>
        [.. DataPackets.Where(d => d.Room == room && d.Topic == "wt.transfer").Select(d => JsonDocument.Parse(d.Data.ToByteArray()).RootElement)];

    /// <summary>Waits for a <c>wt.transfer</c> packet with <paramref name="state"/> in <paramref name="room"/>.</summary>
    public Task WaitForSignalAsync(string room, string state) =>
        WaitUntilAsync(f => f._data.Any(d => d.Room == room && d.Topic == "wt.transfer"
            && JsonDocument.Parse(d.Data.ToByteArray()).RootElement.GetProperty("state").GetString() == state));

    /// <summary>Completes when every queued webhook has been delivered (or refused).</summary>
    public Task WebhooksDeliveredAsync() => WaitUntilAsync(f => Volatile.Read(ref f._pendingWebhooks) == 0);

    public async ValueTask DisposeAsync()
    {
        _webhooks.Writer.TryComplete();
        if (_webhookPump is not null)
        {
            await _webhookPump;
        }

        await _app.DisposeAsync();
        _webhookClient.Dispose();
    }

    private async Task HandleAsync(HttpContext context, string service, string method)
    {
        using var buffer = new MemoryStream();
        await context.Request.Body.CopyToAsync(buffer);
        var body = buffer.ToArray();
        var header = context.Request.Headers.Authorization.ToString();
        ClaimGrants? claims = null;
        string? why = "missing";
        if (!header.StartsWith("Bearer ", StringComparison.Ordinal) || !_verifier.TryVerify(header["Bearer ".Length..], out claims, out _, out why))
        {
            await ErrorAsync(context, TwirpErrorCode.Unauthenticated, "invalid token: " + why);
            return;
        }

        if (context.Request.ContentType != TwirpContentTypes.Protobuf)
        {
            await ErrorAsync(context, TwirpErrorCode.BadRoute, "this fake speaks application/protobuf only");
            return;
        }

        lock (_gate)
        {
            _calls.Add(method);
        }

        if (Fail?.Invoke(method) is { } failure)
        {
            await ErrorAsync(context, failure.Code, failure.Message);
            return;
        }

        var video = claims.Video ?? new VideoGrants();
        IMessage? response;
        TwirpException? error;
        lock (_gate)
        {
            (response, error) = (service, method) switch
            {
                ("RoomService", "CreateRoom") => CreateRoom(CreateRoomRequest.Parser.ParseFrom(body), video),
                ("RoomService", "ListRooms") => ListRooms(ListRoomsRequest.Parser.ParseFrom(body), video),
                ("RoomService", "DeleteRoom") => DeleteRoom(DeleteRoomRequest.Parser.ParseFrom(body), video),
                ("RoomService", "ListParticipants") => ListParticipants(ListParticipantsRequest.Parser.ParseFrom(body), video),
                ("RoomService", "RemoveParticipant") => RemoveParticipant(RoomParticipantIdentity.Parser.ParseFrom(body), video),
                ("RoomService", "MoveParticipant") => MoveParticipant(MoveParticipantRequest.Parser.ParseFrom(body), video),
                ("RoomService", "SendData") => SendData(SendDataRequest.Parser.ParseFrom(body), video),
                ("AgentDispatchService", "CreateDispatch") => CreateDispatch(CreateAgentDispatchRequest.Parser.ParseFrom(body), video),
                _ => (null, new TwirpException(TwirpErrorCode.BadRoute, $"no method {service}/{method}")),
            };
            Changed();
        }

        if (error is not null)
        {
            await ErrorAsync(context, error.Code, error.Message);
            return;
        }

        context.Response.ContentType = TwirpContentTypes.Protobuf;
        await context.Response.Body.WriteAsync(response!.ToByteArray());
    }

    private (IMessage?, TwirpException?) CreateRoom(CreateRoomRequest request, VideoGrants video)
    {
        if (!video.RoomCreate)
        {
            return Denied("roomCreate");
        }

        var room = GetOrCreate(request.Name, request.Metadata);
        return (ToRoom(room), null);
    }

    private (IMessage?, TwirpException?) ListRooms(ListRoomsRequest request, VideoGrants video)
    {
        if (!video.RoomList)
        {
            return Denied("roomList");
        }

        var response = new ListRoomsResponse();
        response.Rooms.AddRange(_rooms.Values.Where(r => request.Names.Count == 0 || request.Names.Contains(r.Name)).Select(ToRoom));
        return (response, null);
    }

    private (IMessage?, TwirpException?) DeleteRoom(DeleteRoomRequest request, VideoGrants video)
    {
        if (!video.RoomCreate)
        {
            return Denied("roomCreate");
        }

        if (!_rooms.Remove(request.Room, out var room))
        {
            return NoRoom();
        }

        foreach (var participant in room.Participants)
        {
            QueueWebhook(WebhookEventNames.ParticipantLeft, room, participant);
        }

        QueueWebhook(WebhookEventNames.RoomFinished, room, null);
        return (new DeleteRoomResponse(), null);
    }

    private (IMessage?, TwirpException?) ListParticipants(ListParticipantsRequest request, VideoGrants video)
    {
        if (!IsAdminOf(video, request.Room))
        {
            return Denied("roomAdmin");
        }

        if (!_rooms.TryGetValue(request.Room, out var room))
        {
            return NoRoom();
        }

        var response = new ListParticipantsResponse();
        response.Participants.AddRange(room.Participants.Select(p => p.Clone()));
        return (response, null);
    }

    private (IMessage?, TwirpException?) RemoveParticipant(RoomParticipantIdentity request, VideoGrants video)
    {
        if (!IsAdminOf(video, request.Room))
        {
            return Denied("roomAdmin");
        }

        if (!_rooms.TryGetValue(request.Room, out var room) || room.Participants.Find(p => p.Identity == request.Identity) is not { } participant)
        {
            return (null, new TwirpException(TwirpErrorCode.NotFound, "participant does not exist"));
        }

        room.Participants.Remove(participant);
        QueueWebhook(WebhookEventNames.ParticipantLeft, room, participant);
        return (new RemoveParticipantResponse(), null);
    }

    private (IMessage?, TwirpException?) MoveParticipant(MoveParticipantRequest request, VideoGrants video)
    {
        if (!IsAdminOf(video, request.Room) || video.DestinationRoom != request.DestinationRoom)
        {
            return Denied("roomAdmin and destinationRoom");
        }

        if (!SupportsMove)
        {
            return (null, new TwirpException(TwirpErrorCode.Unimplemented, "MoveParticipant is not supported by this server"));
        }

        if (!_rooms.TryGetValue(request.Room, out var source) || source.Participants.Find(p => p.Identity == request.Identity) is not { } participant)
        {
            return (null, new TwirpException(TwirpErrorCode.NotFound, "participant does not exist"));
        }

        if (!_rooms.TryGetValue(request.DestinationRoom, out var destination))
        {
            return NoRoom();
        }

        source.Participants.Remove(participant);
        destination.Participants.Add(participant);
        QueueWebhook(WebhookEventNames.ParticipantLeft, source, participant);
        QueueWebhook(WebhookEventNames.ParticipantJoined, destination, participant);
        return (new MoveParticipantResponse(), null);
    }

    private (IMessage?, TwirpException?) SendData(SendDataRequest request, VideoGrants video)
    {
        if (!IsAdminOf(video, request.Room))
        {
            return Denied("roomAdmin");
        }

        if (!_rooms.ContainsKey(request.Room))
        {
            return NoRoom();
        }

        _data.Add(request);
        return (new SendDataResponse(), null);
    }

    private (IMessage?, TwirpException?) CreateDispatch(CreateAgentDispatchRequest request, VideoGrants video)
    {
        if (!IsAdminOf(video, request.Room))
        {
            return Denied("roomAdmin");
        }

        _dispatches.Add(request);
        return (new AgentDispatch { Id = "AD_" + Interlocked.Increment(ref _sids), AgentName = request.AgentName, Room = request.Room, Metadata = request.Metadata }, null);
    }

    private static bool IsAdminOf(VideoGrants video, string room) => video.RoomAdmin && video.Room == room;

    private static (IMessage?, TwirpException?) Denied(string grant) =>
        (null, new TwirpException(TwirpErrorCode.Unauthenticated, $"permissions denied: needs {grant}"));

    private static (IMessage?, TwirpException?) NoRoom() =>
        (null, new TwirpException(TwirpErrorCode.NotFound, "requested room does not exist"));

    private static async Task ErrorAsync(HttpContext context, string code, string message)
    {
        context.Response.StatusCode = TwirpErrorCode.GetHttpStatus(code);
        context.Response.ContentType = TwirpContentTypes.Json;
        await context.Response.WriteAsync(TwirpException.FormatJson(code, message));
    }

    private FakeRoom GetOrCreate(string name, string metadata)
    {
        if (!_rooms.TryGetValue(name, out var room))
        {
            room = new FakeRoom(name, "RM_" + Interlocked.Increment(ref _sids), metadata, DateTimeOffset.UtcNow);
            _rooms[name] = room;
        }

        return room;
    }

    private static Room ToRoom(FakeRoom room) => new()
    {
        Name = room.Name,
        Sid = room.Sid,
        Metadata = room.Metadata,
        CreationTime = room.CreatedAt.ToUnixTimeSeconds(),
        NumParticipants = (uint)room.Participants.Count,
    };

    private void QueueWebhook(string name, FakeRoom room, ParticipantInfo? participant)
    {
        if (WebhookTarget is null)
        {
            return;
        }

        var webhook = new WebhookEvent
        {
            Event = name,
            Id = "EV_" + Interlocked.Increment(ref _sids),
            Room = ToRoom(room),
            CreatedAt = DateTimeOffset.UtcNow.ToUnixTimeSeconds(),
        };
        if (participant is not null)
        {
            webhook.Participant = participant.Clone();
        }

        Interlocked.Increment(ref _pendingWebhooks);
        _webhooks.Writer.TryWrite(webhook);
    }

    private async Task PumpWebhooksAsync()
    {
        await foreach (var webhook in _webhooks.Reader.ReadAllAsync())
        {
            try
            {
                var signed = _signer.Sign(webhook);
                using var request = new HttpRequestMessage(HttpMethod.Post, WebhookTarget) { Content = new ByteArrayContent(signed.Body.ToArray()) };
                request.Content.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue(WebhookSigner.ContentType);
                request.Headers.TryAddWithoutValidation(WebhookSigner.AuthorizationHeader, signed.Authorization);
                using var response = await _webhookClient.SendAsync(request);
            }
            catch (HttpRequestException)
            {
                // The target went away (a test disposed the API); LiveKit would retry, the fake drops it.
            }
            finally
            {
                Interlocked.Decrement(ref _pendingWebhooks);
                lock (_gate)
                {
                    Changed();
                }
            }
        }
    }

    /// <summary>Re-evaluates the waiters; called under the lock after every change.</summary>
    private void Changed()
    {
        for (var i = _waiters.Count - 1; i >= 0; i--)
        {
            if (_waiters[i].Condition())
            {
                _waiters[i].Done.TrySetResult();
                _waiters.RemoveAt(i);
            }
        }
    }

    private sealed record FakeRoom(string Name, string Sid, string Metadata, DateTimeOffset CreatedAt)
    {
        public List<ParticipantInfo> Participants { get; } = [];
    }
}
