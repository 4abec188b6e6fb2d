using LiveKit.Proto;

namespace LiveKit.DevServer.Rooms;

/// <summary>
/// The signalling connection of one participant, as the room sees it (implemented by Signaling/).
/// </summary>
/// <remarks>
/// Both methods are non-blocking and safe to call under the room lock: frames go into the connection's
/// bounded send queue in call order, which is what keeps protocol ordering (a participant update before
/// the subscriber offer that carries its track). A connection whose queue overflows is closed.
/// </remarks>
internal interface IParticipantSignal
{
    /// <summary>Queues a frame for the client.</summary>
    void Send(SignalFrame frame);

    /// <summary>Queues <paramref name="leave"/> (when given) as the last frame, then closes the connection.</summary>
    void Close(LeaveRequest? leave, string reason);
}
