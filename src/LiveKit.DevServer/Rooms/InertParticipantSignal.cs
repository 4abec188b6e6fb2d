using LiveKit.Proto;

namespace LiveKit.DevServer.Rooms;

/// <summary>The signal connection of a participant that has none (a copy forwarded into another room): drops everything.</summary>
internal sealed class InertParticipantSignal : IParticipantSignal
{
    public static readonly InertParticipantSignal Instance = new();

    private InertParticipantSignal()
    {
    }

    public void Send(SignalFrame frame)
    {
    }

    public void Close(LeaveRequest? leave, string reason)
    {
    }
}
