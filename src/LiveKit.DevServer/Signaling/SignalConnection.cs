using System.Net.WebSockets;
using LiveKit.DevServer.Rooms;
using LiveKit.Proto;

namespace LiveKit.DevServer.Signaling;

/// <summary>The <c>/rtc</c> connection of one participant as the room sees it: frames go into the socket's send queue.</summary>
internal sealed class SignalConnection(MessageSocket socket) : IParticipantSignal
{
    public MessageSocket Socket { get; } = socket;

    public void Send(SignalFrame frame) => Socket.TrySend(frame.Bytes);

    public void Close(LeaveRequest? leave, string reason)
    {
        if (leave is not null)
        {
            Socket.TrySend(SignalFrame.From(new SignalResponse { Leave = leave }).Bytes);
        }

        Socket.CloseAfterPending(WebSocketCloseStatus.NormalClosure, reason);
    }
}
