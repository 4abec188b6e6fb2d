using LiveKit.Proto;

namespace LiveKit.DevServer.Rooms;

/// <summary>
/// A participant's signal connection that the room can hold: while held, frames wait here in call order and go out,
/// still in order, when the hold ends. A move holds the moved client's signals until it has answered the subscriber
/// offer in flight: livekit-client fires a track event for that offer only once it has applied it, and a room_moved
/// that arrived meanwhile has already dropped the old room's participants, so the track would name a participant the
/// client no longer knows ("Tried to add a track for a participant, that's not present").
/// </summary>
internal sealed class HoldableParticipantSignal(IParticipantSignal inner) : IParticipantSignal
{
    private readonly Lock _gate = new();
    private List<SignalFrame>? _held;

    /// <summary>Whether frames are being held.</summary>
    public bool Held
    {
        get
        {
            lock (_gate)
            {
                return _held is not null;
            }
        }
    }

    public void Send(SignalFrame frame)
    {
        lock (_gate)
        {
            if (_held is not null)
            {
                _held.Add(frame);
                return;
            }

            inner.Send(frame);
        }
    }

    /// <summary>A close ends any hold first: the held frames go out, then the leave, then the connection closes.</summary>
    public void Close(LeaveRequest? leave, string reason)
    {
        Release();
        inner.Close(leave, reason);
    }

    /// <summary>
    /// Holds every frame sent from now on until <paramref name="released"/> completes, or <paramref name="limit"/> has
    /// passed (a client that never answers must not lose its signals). A hold already in place is kept as it is.
    /// </summary>
    public void HoldUntil(Task released, TimeSpan limit, TimeProvider time)
    {
        lock (_gate)
        {
            if (_held is not null || released.IsCompleted)
            {
                return;
            }

            _held = [];
        }

        _ = released.WaitAsync(limit, time).ContinueWith(
            _ => Release(),
            CancellationToken.None,
            TaskContinuationOptions.ExecuteSynchronously,
            TaskScheduler.Default);
    }

    private void Release()
    {
        lock (_gate)
        {
            if (_held is null)
            {
                return;
            }

            foreach (var frame in _held)
            {
                inner.Send(frame);
            }

            _held = null;
        }
    }
}
