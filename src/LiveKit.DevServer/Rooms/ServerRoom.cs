using LiveKit.DevServer.Rooms.Media;
using LiveKit.Proto;
using Microsoft.Extensions.Logging;

namespace LiveKit.DevServer.Rooms;

/// <summary>
/// One room: its participants, their tracks and subscriptions, and the messages that keep every client's
/// view consistent (cf. livekit/livekit pkg/rtc/room.go).
/// </summary>
/// <remarks>
/// Threading: every state change happens under <see cref="_gate"/>. Messages are queued on the
/// participants' signal connections under the same lock, so each client sees changes in the order they
/// happened. Methods taking a participant re-route to the participant's current room when it was moved
/// meanwhile (see <see cref="InRoomOf"/>). Observers and media sessions are only ever called in ways that
/// do not block and do not call back synchronously.
/// </remarks>
internal sealed partial class ServerRoom
{
    private readonly Lock _gate = new();
    private readonly Dictionary<string, ServerParticipant> _participants = new(StringComparer.Ordinal);
    private readonly RoomContext _context;
    private readonly Action<ServerRoom> _onClosed;
    private readonly ILogger _logger;
    private RoomSettings _settings;
    private bool _closed;
    private bool _closing;
    private ITimer? _idleTimer;
    private long _idleGeneration;

    public ServerRoom(string name, RoomSettings settings, RoomContext context, Action<ServerRoom> onClosed)
    {
        Name = name;
        Sid = Sids.New(Sids.Room);
        _settings = settings;
        _context = context;
        _onClosed = onClosed;
        _logger = context.Loggers.CreateLogger<ServerRoom>();
        CreatedAtMs = context.NowMs;
    }

    public string Name { get; }

    public string Sid { get; }

    public long CreatedAtMs { get; }

    public bool IsClosed
    {
        get
        {
            lock (_gate)
            {
                return _closed;
            }
        }
    }

    /// <summary>Called once by the manager right after creation: announces the room and arms the empty timeout.</summary>
    public void Start()
    {
        lock (_gate)
        {
            _context.Observer.OnRoomStarted(ToInfoLocked(), _settings);
            ArmIdleTimerLocked(_settings.EmptyTimeoutSeconds);
        }
    }

    /// <summary>A snapshot of the room for the wire.</summary>
    public Room ToInfo()
    {
        lock (_gate)
        {
            return ToInfoLocked();
        }
    }

    /// <summary>
    /// Adds a participant: evicts an earlier session with the same identity, sends the JoinResponse
    /// (the first message on the connection), announces the participant to the others, subscribes it to
    /// what is published, and starts the subscriber negotiation.
    /// </summary>
    public JoinFailure Join(ParticipantSpec spec, IParticipantSignal signal, out ServerParticipant? participant)
    {
        participant = null;
        lock (_gate)
        {
            if (_closed)
            {
                return JoinFailure.RoomClosed;
            }

            if (_participants.TryGetValue(spec.Identity, out var previous))
            {
                LogDuplicateIdentity(_logger, Name);
                RemoveLocked(previous, DisconnectReason.DuplicateIdentity, sendLeave: true);
            }

            if (_settings.MaxParticipants > 0 && _participants.Count >= _settings.MaxParticipants)
            {
                return JoinFailure.RoomFull;
            }

            var p = new ServerParticipant(this, spec, signal, _context.NowMs);
            var subscriberPrimary = p.Permission.CanSubscribe;
            try
            {
                p.Media = _context.Media.CreateSession(new ParticipantMediaContext(Name, p.Sid, p.Identity, subscriberPrimary), p);
            }
            catch (InvalidOperationException e)
            {
                LogMediaUnavailable(_logger, Name, e.Message);
                return JoinFailure.MediaUnavailable;
            }

            p.Negotiator = new SubscriberNegotiator(p.Media, p.Signal, _context.Loggers.CreateLogger<SubscriberNegotiator>(), run => InRoomOf(p, _ => run()));

            CancelIdleTimerLocked();
            _participants.Add(p.Identity, p);

            p.Signal.Send(SignalFrame.From(new SignalResponse { Join = CreateJoinResponseLocked(p, subscriberPrimary) }));
            AnnounceLocked(p);
            p.Negotiator.NegotiationNeeded();
            _context.Observer.OnParticipantJoined(ToInfoLocked(), p.ToInfo());
            LogJoined(_logger, Name, p.Sid);
            participant = p;
            return JoinFailure.None;
        }
    }

    /// <summary>The participant left (leave request or closed connection). No-op when it is already gone.</summary>
    public static void Leave(ServerParticipant participant, DisconnectReason reason) =>
        InRoomOf(participant, room => room.RemoveLocked(participant, reason, sendLeave: false));

    /// <summary>Closes the room: every participant gets leave(<paramref name="reason"/>) and is disconnected.</summary>
    public void Close(DisconnectReason reason)
    {
        lock (_gate)
        {
            CloseLocked(reason);
        }
    }

    /// <summary>The participant's media came up or went down.</summary>
    public static void OnMediaConnectionState(ServerParticipant participant, SignalTarget target, MediaConnectionState state) =>
        InRoomOf(participant, room =>
        {
            switch (state)
            {
                case MediaConnectionState.Connected when participant.State != ParticipantInfo.Types.State.Active:
                    participant.State = ParticipantInfo.Types.State.Active;
                    participant.BumpVersion();
                    room.BroadcastLocked(participant, includeSelf: false);
                    break;
                case MediaConnectionState.Failed:
                    LogMediaFailed(room._logger, room.Name, participant.Sid, target);
                    room.RemoveLocked(participant, DisconnectReason.MediaFailure, sendLeave: true);
                    break;
                default:
                    break;
            }
        });

    /// <summary>
    /// Runs <paramref name="action"/> under the lock of the room <paramref name="participant"/> is in,
    /// following it if it was moved meanwhile. Returns false when the participant is no longer in any room.
    /// </summary>
    private static bool InRoomOf(ServerParticipant participant, Action<ServerRoom> action)
    {
        while (true)
        {
            var room = participant.Room;
            lock (room._gate)
            {
                if (room._participants.TryGetValue(participant.Identity, out var current) && ReferenceEquals(current, participant))
                {
                    action(room);
                    return true;
                }

                if (ReferenceEquals(participant.Room, room))
                {
                    return false;
                }
            }
        }
    }

    private JoinResponse CreateJoinResponseLocked(ServerParticipant p, bool subscriberPrimary)
    {
        var response = new JoinResponse
        {
            Room = ToInfoLocked(),
            Participant = p.ToInfo(),
            ServerVersion = _context.ServerInfo.Version,
            ServerRegion = _context.ServerInfo.Region,
            ServerInfo = _context.ServerInfo,
            SubscriberPrimary = subscriberPrimary,
            PingInterval = ProtocolConstants.PingIntervalSeconds,
            PingTimeout = ProtocolConstants.PingTimeoutSeconds,
            FastPublish = p.Permission.CanPublish,
            ClientConfiguration = new ClientConfiguration { ResumeConnection = ClientConfigSetting.Disabled },
        };
        response.EnabledPublishCodecs.AddRange(_context.Media.EnabledPublishCodecs);
        response.OtherParticipants.AddRange(VisibleOthersLocked(p));
        return response;
    }

    private IEnumerable<ParticipantInfo> VisibleOthersLocked(ServerParticipant p)
    {
        foreach (var other in _participants.Values)
        {
            if (!ReferenceEquals(other, p) && !other.IsHidden)
            {
                yield return other.ToInfo();
            }
        }
    }

    /// <summary>Tells the others about a participant that arrived, then wires up subscriptions in both directions.</summary>
    private void AnnounceLocked(ServerParticipant p)
    {
        BroadcastLocked(p, includeSelf: false);
        foreach (var publisher in _participants.Values)
        {
            if (ReferenceEquals(publisher, p))
            {
                continue;
            }

            foreach (var track in publisher.Tracks)
            {
                if (track.IsPublished && ShouldAutoSubscribe(p, publisher, track))
                {
                    SubscribeLocked(p, publisher, track);
                }
            }
        }

        foreach (var track in p.Tracks)
        {
            if (track.IsPublished)
            {
                SubscribeOthersLocked(p, track);
            }
        }
    }

    /// <summary>Takes a participant out of the room without touching its connection (shared by leave and move).</summary>
    private void DetachLocked(ServerParticipant p, DisconnectReason reason)
    {
        _participants.Remove(p.Identity);
        FailRpcsOfLocked(p);
        foreach (var track in p.Tracks)
        {
            if (track.IsPublished)
            {
                foreach (var other in _participants.Values)
                {
                    UnsubscribeLocked(other, track.Sid);
                }
            }
        }

        foreach (var sid in p.Subscriptions)
        {
            p.Media.RemoveSubscribedTrack(sid);
        }

        p.Subscriptions.Clear();
        p.Unsubscribed.Clear();
        p.BumpVersion();

        var gone = p.ToInfo();
        gone.State = ParticipantInfo.Types.State.Disconnected;
        gone.DisconnectReason = reason;
        if (!p.IsHidden && !_closing)
        {
            BroadcastInfoLocked(gone, except: p);
        }

        _context.Observer.OnParticipantLeft(ToInfoLocked(), gone);
        if (_participants.Count == 0 && !_closing)
        {
            ArmIdleTimerLocked(_settings.DepartureTimeoutSeconds);
        }
    }

    private void RemoveLocked(ServerParticipant p, DisconnectReason reason, bool sendLeave)
    {
        p.State = ParticipantInfo.Types.State.Disconnected;
        p.DisconnectReason = reason;
        DetachLocked(p, reason);
        p.Signal.Close(sendLeave ? new LeaveRequest { CanReconnect = false, Reason = reason, Action = LeaveRequest.Types.Action.Disconnect } : null, reason.ToString());
        RetireLocked(p);
        LogLeft(_logger, Name, p.Sid, reason);
    }

    /// <summary>Disposes a departed participant's media in the background and drops what mirrors it elsewhere.</summary>
    private void RetireLocked(ServerParticipant p)
    {
        var negotiator = p.Negotiator;
        var media = p.Media;
        _context.Background.Run(
            async () =>
            {
                if (negotiator is not null)
                {
                    await negotiator.DisposeAsync().ConfigureAwait(false);
                }

                await media.DisposeAsync().ConfigureAwait(false);
            },
            e => LogBackgroundFailed(_logger, e));

        DropForwardsOf(p);
        p.ForwardedFrom?.RemoveForward(p);
    }

    private void CloseLocked(DisconnectReason reason)
    {
        if (_closed)
        {
            return;
        }

        _closing = true;
        CancelIdleTimerLocked();
        foreach (var p in _participants.Values.ToList())
        {
            RemoveLocked(p, reason, sendLeave: true);
        }

        _closed = true;
        _context.Observer.OnRoomFinished(ToInfoLocked());
        _onClosed(this);
        LogClosed(_logger, Name, reason);
    }

    private void ArmIdleTimerLocked(uint seconds)
    {
        CancelIdleTimerLocked();
        var generation = _idleGeneration;
        _idleTimer = _context.Time.CreateTimer(_ => OnIdleTimer(generation), null, TimeSpan.FromSeconds(seconds), Timeout.InfiniteTimeSpan);
    }

    private void CancelIdleTimerLocked()
    {
        _idleGeneration++;
        _idleTimer?.Dispose();
        _idleTimer = null;
    }

    private void OnIdleTimer(long generation)
    {
        lock (_gate)
        {
            if (generation == _idleGeneration && _participants.Count == 0 && !_closed)
            {
                LogIdle(_logger, Name);
                CloseLocked(DisconnectReason.RoomClosed);
            }
        }
    }

    private Room ToInfoLocked()
    {
        var room = new Room
        {
            Sid = Sid,
            Name = Name,
            EmptyTimeout = _settings.EmptyTimeoutSeconds,
            DepartureTimeout = _settings.DepartureTimeoutSeconds,
            MaxParticipants = _settings.MaxParticipants,
            CreationTime = CreatedAtMs / 1000,
            CreationTimeMs = CreatedAtMs,
            Metadata = _settings.Metadata,
            NumParticipants = (uint)_participants.Count,
            NumPublishers = (uint)_participants.Values.Count(p => p.IsPublisher),
        };
        room.EnabledCodecs.AddRange(_context.Media.EnabledPublishCodecs);
        return room;
    }

    /// <summary>Sends a participant's current info to the others (and itself when asked); hidden participants are only told themselves.</summary>
    private void BroadcastLocked(ServerParticipant p, bool includeSelf)
    {
        var info = p.ToInfo();
        if (includeSelf)
        {
            p.Signal.Send(UpdateFrame(info));
        }

        if (!p.IsHidden)
        {
            BroadcastInfoLocked(info, except: p);
        }
    }

    private void BroadcastInfoLocked(ParticipantInfo info, ServerParticipant? except)
    {
        SignalFrame? frame = null;
        foreach (var other in _participants.Values)
        {
            if (!ReferenceEquals(other, except))
            {
                frame ??= UpdateFrame(info);
                other.Signal.Send(frame.Value);
            }
        }
    }

    private void SendToAllLocked(SignalFrame frame)
    {
        foreach (var p in _participants.Values)
        {
            p.Signal.Send(frame);
        }
    }

    private static SignalFrame UpdateFrame(ParticipantInfo info) =>
        SignalFrame.From(new SignalResponse { Update = new ParticipantUpdate { Participants = { info } } });

    [LoggerMessage(Level = LogLevel.Information, Message = "Room {Room}: participant {ParticipantSid} joined")]
    private static partial void LogJoined(ILogger logger, string room, string participantSid);

    [LoggerMessage(Level = LogLevel.Information, Message = "Room {Room}: participant {ParticipantSid} left ({Reason})")]
    private static partial void LogLeft(ILogger logger, string room, string participantSid, DisconnectReason reason);

    [LoggerMessage(Level = LogLevel.Information, Message = "Room {Room}: a second session joined with the same identity; the first is evicted")]
    private static partial void LogDuplicateIdentity(ILogger logger, string room);

    [LoggerMessage(Level = LogLevel.Information, Message = "Room {Room} closed ({Reason})")]
    private static partial void LogClosed(ILogger logger, string room, DisconnectReason reason);

    [LoggerMessage(Level = LogLevel.Information, Message = "Room {Room} stayed empty past its timeout")]
    private static partial void LogIdle(ILogger logger, string room);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Room {Room}: the {Target} transport of participant {ParticipantSid} failed")]
    private static partial void LogMediaFailed(ILogger logger, string room, string participantSid, SignalTarget target);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Room {Room}: no media session for a joining participant: {Reason}")]
    private static partial void LogMediaUnavailable(ILogger logger, string room, string reason);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Background room work failed")]
    private static partial void LogBackgroundFailed(ILogger logger, Exception exception);
}
