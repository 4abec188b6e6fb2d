using System.Net;
using System.Text;
using LiveKit.DevServer.Stun;

namespace LiveKit.DevServer.Ice;

/// <summary>
/// ICE-lite agent of one peer connection (RFC 8445 §2.5, §6.1.1): it never sends checks, it answers the full peer's
/// Binding requests with the right credentials, learns the peer's address from them (peer-reflexive candidates are
/// fine), selects the pair the peer nominates with USE-CANDIDATE (RFC 8445 §8.2; with aggressive nomination that is
/// the first valid check) and treats the peer's periodic checks as consent (RFC 7675): no check for
/// <see cref="IceLiteAgentOptions.ConsentTimeout"/> fails the agent, which is how a vanished participant is detected.
/// </summary>
/// <remarks>
/// Threading: <see cref="HandleRequest"/> runs on the transport's receive thread, the timeout timer on the thread
/// pool; state is guarded by a lock. <see cref="StateChanged"/> is raised outside the lock, on either thread, and
/// handlers must not block. The agent owns its timer and stops it on <see cref="Dispose"/> or on a final state.
/// </remarks>
internal sealed class IceLiteAgent : IDisposable
{
    private readonly Lock _lock = new();
    private readonly IceLiteAgentOptions _options;
    private readonly TimeProvider _time;
    private readonly byte[] _localUfrag;
    private readonly byte[] _localPassword;
    private readonly List<IPEndPoint> _validated = [];
    private readonly ITimer _timer;
    private readonly long _createdAt;
    private byte[]? _remoteUfrag;
    private long _lastCheckAt;
    private IPEndPoint? _nominated;
    private IceAgentState _state = IceAgentState.New;

    public IceLiteAgent(IceCredentials localCredentials, IceLiteAgentOptions options, TimeProvider timeProvider)
    {
        ArgumentNullException.ThrowIfNull(localCredentials);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(timeProvider);
        LocalCredentials = localCredentials;
        _options = options;
        _time = timeProvider;
        _localUfrag = Encoding.ASCII.GetBytes(localCredentials.Ufrag);
        _localPassword = Encoding.ASCII.GetBytes(localCredentials.Password);
        _createdAt = timeProvider.GetTimestamp();
        _timer = timeProvider.CreateTimer(static s => ((IceLiteAgent)s!).EvaluateTimeouts(), this, options.TimerInterval, options.TimerInterval);
    }

    /// <summary>Raised after every state change, with the new state.</summary>
    public event Action<IceLiteAgent, IceAgentState>? StateChanged;

    public IceCredentials LocalCredentials { get; }

    public IceAgentState State
    {
        get
        {
            lock (_lock)
            {
                return _state;
            }
        }
    }

    /// <summary>
    /// Where to send: the nominated address, or before any nomination the first address that passed a check
    /// (RFC 8445 §8.2 allows sending on a valid pair); null before any valid check.
    /// </summary>
    public IPEndPoint? SelectedEndPoint
    {
        get
        {
            lock (_lock)
            {
                return _nominated ?? (_validated.Count > 0 ? _validated[0] : null);
            }
        }
    }

    /// <summary>True once a pair has been nominated with USE-CANDIDATE.</summary>
    public bool IsNominated
    {
        get
        {
            lock (_lock)
            {
                return _nominated is not null;
            }
        }
    }

    /// <summary>
    /// Records the peer's ufrag from its SDP. Until it is known, checks are accepted on our ufrag and password alone
    /// (a check can overtake the answer that carries it, RFC 8445 §7.3).
    /// </summary>
    public void SetRemoteUfrag(string ufrag)
    {
        ArgumentNullException.ThrowIfNull(ufrag);
        lock (_lock)
        {
            _remoteUfrag = Encoding.ASCII.GetBytes(ufrag);
        }
    }

    /// <summary>True when <paramref name="remote"/> passed a check and may exchange DTLS and SRTP (RFC 7675 §3).</summary>
    public bool IsValidated(IPEndPoint remote)
    {
        lock (_lock)
        {
            return _validated.Contains(remote);
        }
    }

    /// <summary>
    /// Handles one STUN message from <paramref name="remote"/>. When the outcome is anything but
    /// <see cref="IceCheckOutcome.Ignored"/>, <paramref name="responseLength"/> bytes of <paramref name="response"/>
    /// (at least <see cref="StunConstants.MaxMessageLength"/> long) must be sent back to <paramref name="remote"/>.
    /// </summary>
    public IceCheckOutcome HandleRequest(in StunMessage request, IPEndPoint remote, Span<byte> response, out int responseLength)
    {
        ArgumentNullException.ThrowIfNull(remote);
        responseLength = 0;

        // Binding indications are keepalives (RFC 8445 §11) and responses are not ours to take: no answer.
        if (request.Class != StunMessageClass.Request || request.Method != StunMethod.Binding)
        {
            return IceCheckOutcome.Ignored;
        }

        // RFC 8445 §7.3 with RFC 5389 §7.3: a wrong FINGERPRINT means this is not a STUN message for us.
        if (request.HasAttribute(StunAttributeType.Fingerprint) && !StunFingerprint.Verify(request))
        {
            return IceCheckOutcome.Ignored;
        }

        Span<ushort> unknown = stackalloc ushort[8];
        int unknownCount = IceBindingResponder.FindUnknownRequired(request, unknown);
        if (unknownCount > 0)
        {
            responseLength = IceBindingResponder.WriteError(request, StunErrorCode.UnknownAttribute, response, unknownAttributes: unknown[..unknownCount]);
            return IceCheckOutcome.UnknownAttribute;
        }

        // RFC 5389 §10.1.2: no USERNAME or MESSAGE-INTEGRITY is a 400; a bad one is a 401.
        if (!request.TryGetAttribute(StunAttributeType.Username, out var username)
            || !request.HasAttribute(StunAttributeType.MessageIntegrity))
        {
            responseLength = IceBindingResponder.WriteError(request, StunErrorCode.BadRequest, response);
            return IceCheckOutcome.BadRequest;
        }

        if (!IceUsername.TrySplit(username.Value, out var localPart, out var remotePart)
            || !localPart.SequenceEqual(_localUfrag)
            || !RemoteUfragMatches(remotePart)
            || !StunMessageIntegrity.Verify(request, _localPassword))
        {
            responseLength = IceBindingResponder.WriteError(request, StunErrorCode.Unauthorized, response);
            return IceCheckOutcome.Unauthorized;
        }

        // RFC 8445 §7.1.1-7.1.2: a check carries PRIORITY and exactly the sender's role.
        bool controlling = request.HasAttribute(StunAttributeType.IceControlling);
        bool controlled = request.HasAttribute(StunAttributeType.IceControlled);
        if (!request.TryGetAttribute(StunAttributeType.Priority, out var priority) || priority.Value.Length != 4 || controlling == controlled)
        {
            responseLength = IceBindingResponder.WriteError(request, StunErrorCode.BadRequest, response);
            return IceCheckOutcome.BadRequest;
        }

        // RFC 8445 §6.1.1 and §7.3.1.1: a lite agent is always controlled, so a controlled peer must switch.
        if (controlled)
        {
            responseLength = IceBindingResponder.WriteError(request, StunErrorCode.RoleConflict, response, _localPassword);
            return IceCheckOutcome.RoleConflict;
        }

        bool nominate = request.HasAttribute(StunAttributeType.UseCandidate);
        IceAgentState? changed = RecordValidCheck(remote, nominate);
        responseLength = IceBindingResponder.WriteSuccess(request, remote, _localPassword, response);
        if (changed is { } state)
        {
            StateChanged?.Invoke(this, state);
        }

        return IceCheckOutcome.Succeeded;
    }

    /// <summary>Moves to Closed (final) and stops the timer.</summary>
    public void Close()
    {
        if (TransitionToFinal(IceAgentState.Closed))
        {
            StateChanged?.Invoke(this, IceAgentState.Closed);
        }
    }

    public void Dispose()
    {
        Close();
        _timer.Dispose();
    }

    private bool RemoteUfragMatches(ReadOnlySpan<byte> remotePart)
    {
        lock (_lock)
        {
            return _remoteUfrag is null || remotePart.SequenceEqual(_remoteUfrag);
        }
    }

    private IceAgentState? RecordValidCheck(IPEndPoint remote, bool nominate)
    {
        lock (_lock)
        {
            if (_state is IceAgentState.Failed or IceAgentState.Closed)
            {
                return null;
            }

            _lastCheckAt = _time.GetTimestamp();
            int index = _validated.IndexOf(remote);
            if (index < 0)
            {
                // Bounded: forget the oldest address that is not the nominated one.
                if (_validated.Count >= _options.MaxValidatedAddresses)
                {
                    int evict = _validated.FindIndex(e => !e.Equals(_nominated));
                    _validated.RemoveAt(evict < 0 ? 0 : evict);
                }

                _validated.Add(remote);
            }

            if (nominate)
            {
                _nominated = remote;
            }

            var next = _nominated is not null ? IceAgentState.Connected : IceAgentState.Checking;
            if (next == _state)
            {
                return null;
            }

            _state = next;
            return next;
        }
    }

    private void EvaluateTimeouts()
    {
        IceAgentState? changed = null;
        lock (_lock)
        {
            long now = _time.GetTimestamp();
            switch (_state)
            {
                case IceAgentState.New when _time.GetElapsedTime(_createdAt, now) > _options.ConnectTimeout:
                    changed = IceAgentState.Failed;
                    break;
                case IceAgentState.Checking or IceAgentState.Connected or IceAgentState.Disconnected:
                    var silent = _time.GetElapsedTime(_lastCheckAt, now);
                    if (silent > _options.ConsentTimeout)
                    {
                        changed = IceAgentState.Failed;
                    }
                    else if (silent > _options.DisconnectedTimeout && _state == IceAgentState.Connected)
                    {
                        changed = IceAgentState.Disconnected;
                        _state = IceAgentState.Disconnected;
                    }

                    break;
            }
        }

        if (changed == IceAgentState.Failed && !TransitionToFinal(IceAgentState.Failed))
        {
            return;
        }

        if (changed is { } state)
        {
            StateChanged?.Invoke(this, state);
        }
    }

    private bool TransitionToFinal(IceAgentState final)
    {
        lock (_lock)
        {
            if (_state is IceAgentState.Failed or IceAgentState.Closed)
            {
                return false;
            }

            _state = final;
        }

        _timer.Change(Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);
        return true;
    }
}
