using LiveKit.Api;
using LiveKit.Proto;
using Microsoft.Extensions.Options;

namespace WarmTransfer.ControlApi.LiveKit;

/// <summary>
/// <see cref="ILiveKitGateway"/> over LiveKit.Api's Twirp clients. Expected absences (not found, MoveParticipant
/// unimplemented) become return values; every other failure (Twirp error, network, timeout) becomes a
/// <see cref="LiveKitUnavailableException"/> naming the operation. Owns (and disposes) the <see cref="HttpClient"/> it is given.
/// </summary>
internal sealed partial class LiveKitGateway : ILiveKitGateway, IDisposable
{
    private readonly HttpClient _http;
    private readonly RoomServiceClient _rooms;
    private readonly AgentDispatchServiceClient _dispatch;
    private readonly string _agentName;
    private readonly ILogger<LiveKitGateway> _logger;

    public LiveKitGateway(HttpClient http, IOptions<LiveKitOptions> options, ILogger<LiveKitGateway> logger)
    {
        _http = http;
        var settings = options.Value;
        // Server-to-server tokens are dated by the system clock: LiveKit checks them against its own.
        var api = new LiveKitApiOptions { Url = settings.Url!, ApiKey = settings.ApiKey!, ApiSecret = settings.ApiSecret! };
        _rooms = new RoomServiceClient(http, api);
        _dispatch = new AgentDispatchServiceClient(http, api);
        _agentName = settings.AgentName;
        _logger = logger;
    }

    public Task CreateRoomAsync(string room, string metadata, TimeSpan emptyTimeout, CancellationToken cancellationToken) =>
        CallAsync("CreateRoom", room, () => _rooms.CreateRoomAsync(
            new CreateRoomRequest { Name = room, Metadata = metadata, EmptyTimeout = (uint)Math.Max(1, emptyTimeout.TotalSeconds) },
            cancellationToken));

    public async Task<bool> DeleteRoomAsync(string room, CancellationToken cancellationToken)
    {
        try
        {
            await CallAsync("DeleteRoom", room, () => _rooms.DeleteRoomAsync(room, cancellationToken)).ConfigureAwait(false);
            return true;
        }
        catch (LiveKitUnavailableException e) when (IsNotFound(e))
        {
            return false;
        }
    }

    public async Task<IReadOnlyList<LiveKitRoom>> ListRoomsAsync(CancellationToken cancellationToken)
    {
        var rooms = await CallAsync("ListRooms", null, () => _rooms.ListRoomsAsync(null, cancellationToken)).ConfigureAwait(false);
        return [.. rooms.Select(r => new LiveKitRoom(r.Name, r.Sid, (int)r.NumParticipants, DateTimeOffset.FromUnixTimeSeconds(r.CreationTime), r.Metadata))];
    }

    public async Task<IReadOnlyList<LiveKitParticipant>?> ListParticipantsAsync(string room, CancellationToken cancellationToken)
    {
        try
        {
            var participants = await CallAsync("ListParticipants", room, () => _rooms.ListParticipantsAsync(room, cancellationToken)).ConfigureAwait(false);
            return [.. participants.Select(p => new LiveKitParticipant(
                p.Identity,
                p.Sid,
                p.Name,
                p.Kind == ParticipantInfo.Types.Kind.Agent,
                DateTimeOffset.FromUnixTimeSeconds(p.JoinedAt)))];
        }
        catch (LiveKitUnavailableException e) when (IsNotFound(e))
        {
            return null;
        }
    }

    public async Task<bool> RemoveParticipantAsync(string room, string identity, CancellationToken cancellationToken)
    {
        try
        {
            await CallAsync("RemoveParticipant", room, () => _rooms.RemoveParticipantAsync(room, identity, cancellationToken)).ConfigureAwait(false);
            return true;
        }
        catch (LiveKitUnavailableException e) when (IsNotFound(e))
        {
            return false;
        }
    }

    public async Task<MoveOutcome> MoveParticipantAsync(string room, string identity, string destinationRoom, CancellationToken cancellationToken)
    {
        try
        {
            await CallAsync("MoveParticipant", room, () => _rooms.MoveParticipantAsync(room, identity, destinationRoom, cancellationToken)).ConfigureAwait(false);
            return MoveOutcome.Moved;
        }
        catch (LiveKitUnavailableException e) when (e.InnerException is TwirpException { Code: TwirpErrorCode.Unimplemented })
        {
            return MoveOutcome.Unsupported;
        }
        catch (LiveKitUnavailableException e) when (IsNotFound(e))
        {
            return MoveOutcome.NotFound;
        }
    }

    public Task SendDataAsync(string room, string topic, ReadOnlyMemory<byte> payload, CancellationToken cancellationToken) =>
        CallAsync("SendData", room, () => _rooms.SendDataAsync(room, payload, topic, null, cancellationToken));

    public Task CreateDispatchAsync(string room, string metadata, CancellationToken cancellationToken) =>
        CallAsync("CreateDispatch", room, () => _dispatch.CreateDispatchAsync(room, _agentName, metadata, cancellationToken));

    public void Dispose() => _http.Dispose();

    private static bool IsNotFound(LiveKitUnavailableException e) => e.InnerException is TwirpException { Code: TwirpErrorCode.NotFound };

    private async Task CallAsync(string operation, string? room, Func<Task> call) =>
        await CallAsync(operation, room, async () =>
        {
            await call().ConfigureAwait(false);
            return true;
        }).ConfigureAwait(false);

    private async Task<T> CallAsync<T>(string operation, string? room, Func<Task<T>> call)
    {
        try
        {
            return await call().ConfigureAwait(false);
        }
        catch (TwirpException e)
        {
            if (e.Code != TwirpErrorCode.NotFound && e.Code != TwirpErrorCode.Unimplemented)
            {
                LogTwirpError(_logger, operation, room, e.Code, e.Message);
            }

            throw new LiveKitUnavailableException($"LiveKit {operation} failed: {e.Code}: {e.Message}", e);
        }
        catch (HttpRequestException e)
        {
            LogUnreachable(_logger, operation, room, e.Message);
            throw new LiveKitUnavailableException($"LiveKit {operation} failed: the server is unreachable ({e.Message})", e);
        }
        catch (TaskCanceledException e) when (e.InnerException is TimeoutException)
        {
            LogUnreachable(_logger, operation, room, "no answer in time");
            throw new LiveKitUnavailableException($"LiveKit {operation} failed: no answer in time", e);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "LiveKit {Operation} (room {Room}) answered {Code}: {Message}")]
    private static partial void LogTwirpError(ILogger logger, string operation, string? room, string code, string message);

    [LoggerMessage(Level = LogLevel.Warning, Message = "LiveKit {Operation} (room {Room}) failed: {Reason}")]
    private static partial void LogUnreachable(ILogger logger, string operation, string? room, string reason);
}
