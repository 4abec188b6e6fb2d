using System.Collections.Concurrent;
using LiveKit.Proto;
using Microsoft.Extensions.Logging;

namespace LiveKit.DevServer.Rooms;

/// <summary>
/// All rooms of the server by name: creation (by API, by token room config, or implicitly on join),
/// lookup, deletion, and the two-room operations (move, forward).
/// </summary>
/// <remarks>Thread-safe. A room removes itself when it closes; a closed room is never handed out.</remarks>
internal sealed partial class RoomManager : IAsyncDisposable
{
    private readonly ConcurrentDictionary<string, ServerRoom> _rooms = new(StringComparer.Ordinal);
    private readonly Lock _createGate = new();
    private readonly RoomContext _context;
    private readonly RoomDefaults _defaults;
    private readonly ILogger _logger;
    private bool _disposed;

    public RoomManager(RoomContext context, RoomDefaults defaults)
    {
        _context = context;
        _defaults = defaults;
        _logger = context.Loggers.CreateLogger<RoomManager>();
    }

    public RoomContext Context => _context;

    public int Count => _rooms.Count;

    /// <summary>The open room called <paramref name="name"/>, or null.</summary>
    public ServerRoom? Find(string name) =>
        _rooms.TryGetValue(name, out var room) && !room.IsClosed ? room : null;

    /// <summary>Returns the open room called <paramref name="name"/>, creating it with <paramref name="requested"/> (defaults filled in) when there is none.</summary>
    public ServerRoom GetOrCreate(string name, RoomSettings? requested, out bool created)
    {
        created = false;
        if (Find(name) is { } existing)
        {
            return existing;
        }

        lock (_createGate)
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            if (Find(name) is { } raced)
            {
                return raced;
            }

            var room = new ServerRoom(name, _defaults.Resolve(requested), _context, OnRoomClosed);
            _rooms[name] = room;
            created = true;
            LogCreated(_logger, name, room.Sid);
            room.Start();
            return room;
        }
    }

    /// <summary>
    /// Joins <paramref name="spec"/> to the room called <paramref name="roomName"/>, creating the room
    /// when needed (with <paramref name="settingsIfCreated"/>, e.g. from the token's roomConfig).
    /// </summary>
    public JoinFailure Join(string roomName, RoomSettings? settingsIfCreated, ParticipantSpec spec, IParticipantSignal signal, out ServerParticipant? participant)
    {
        while (true)
        {
            var room = GetOrCreate(roomName, settingsIfCreated, out _);
            var failure = room.Join(spec, signal, out participant);
            if (failure != JoinFailure.RoomClosed)
            {
                return failure;
            }
        }
    }

    /// <summary>Snapshots of the open rooms, optionally only those named.</summary>
    public IReadOnlyList<Room> List(IReadOnlyCollection<string>? names)
    {
        var rooms = names is { Count: > 0 }
            ? names.Distinct(StringComparer.Ordinal).Select(Find).OfType<ServerRoom>()
            : _rooms.Values.Where(r => !r.IsClosed);
        return [.. rooms.Select(r => r.ToInfo()).OrderBy(r => r.CreationTimeMs).ThenBy(r => r.Name, StringComparer.Ordinal)];
    }

    /// <summary>Closes a room, sending leave(ROOM_DELETED) to everyone in it. False when there is no such room.</summary>
    public bool Delete(string name)
    {
        if (Find(name) is not { } room)
        {
            return false;
        }

        room.Close(DisconnectReason.RoomDeleted);
        return true;
    }

    /// <summary>Moves a participant from one room to another (created when missing). See <see cref="ServerRoom.Move"/>.</summary>
    public TransferOutcome Move(string sourceRoom, string identity, string destinationRoom, Func<ParticipantInfo, string> mintToken) =>
        Transfer(sourceRoom, destinationRoom, (source, destination) => ServerRoom.Move(source, destination, identity, mintToken));

    /// <summary>Forwards a participant into another room (created when missing). See <see cref="ServerRoom.Forward"/>.</summary>
    public TransferOutcome Forward(string sourceRoom, string identity, string destinationRoom) =>
        Transfer(sourceRoom, destinationRoom, (source, destination) => ServerRoom.Forward(source, destination, identity));

    /// <summary>Closes every room (leave SERVER_SHUTDOWN) and waits for background work to finish.</summary>
    public async ValueTask DisposeAsync()
    {
        lock (_createGate)
        {
            _disposed = true;
        }

        foreach (var room in _rooms.Values)
        {
            room.Close(DisconnectReason.ServerShutdown);
        }

        await _context.Background.DrainAsync().ConfigureAwait(false);
    }

    private TransferOutcome Transfer(string sourceRoom, string destinationRoom, Func<ServerRoom, ServerRoom, TransferOutcome> transfer)
    {
        while (true)
        {
            if (Find(sourceRoom) is not { } source)
            {
                return TransferOutcome.ParticipantNotFound;
            }

            var destination = GetOrCreate(destinationRoom, null, out _);
            var outcome = transfer(source, destination);
            if (outcome != TransferOutcome.RoomClosed)
            {
                return outcome;
            }
        }
    }

    private void OnRoomClosed(ServerRoom room) =>
        _rooms.TryRemove(new KeyValuePair<string, ServerRoom>(room.Name, room));

    [LoggerMessage(Level = LogLevel.Information, Message = "Room {Room} created ({RoomSid})")]
    private static partial void LogCreated(ILogger logger, string room, string roomSid);
}
