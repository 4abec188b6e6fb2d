using LiveKit.DevServer.Rooms;
using LiveKit.DevServer.Tests.Rooms.Fakes;
using LiveKit.Proto;
using Microsoft.Extensions.Time.Testing;

namespace LiveKit.DevServer.Tests.Rooms;

/// <summary>A held signal keeps frames in order until the hold ends, and never loses them.</summary>
public sealed class HoldableParticipantSignalTests
{
    private static SignalFrame Pong(long n) => SignalFrame.From(new SignalResponse { Pong = n });

    [Fact]
    public async Task HoldUntil_FramesWaitInOrder_AndGoOutWhenReleased()
    {
        var inner = new FakeSignal();
        var signal = new HoldableParticipantSignal(inner);
        var release = new TaskCompletionSource();
        signal.Send(Pong(1));

        signal.HoldUntil(release.Task, TimeSpan.FromSeconds(2), new FakeTimeProvider());
        signal.Send(Pong(2));
        signal.Send(Pong(3));
        Assert.Equal([1L], inner.Frames.Select(f => f.Pong));

        release.SetResult();
        await inner.WaitForAsync(f => f.Pong == 3);
        signal.Send(Pong(4));
        Assert.Equal([1L, 2, 3, 4], inner.Frames.Select(f => f.Pong));
        Assert.False(signal.Held);
    }

    [Fact]
    public void HoldUntil_AlreadyReleased_HoldsNothing()
    {
        var inner = new FakeSignal();
        var signal = new HoldableParticipantSignal(inner);

        signal.HoldUntil(Task.CompletedTask, TimeSpan.FromSeconds(2), new FakeTimeProvider());
        signal.Send(Pong(1));

        Assert.False(signal.Held);
        Assert.Single(inner.Frames);
    }

    [Fact]
    public void Close_WhileHeld_SendsTheHeldFramesBeforeClosing()
    {
        var inner = new FakeSignal();
        var signal = new HoldableParticipantSignal(inner);
        signal.HoldUntil(new TaskCompletionSource().Task, TimeSpan.FromSeconds(2), new FakeTimeProvider());
        signal.Send(Pong(1));

        signal.Close(new LeaveRequest { Reason = DisconnectReason.RoomDeleted }, "room deleted");

        Assert.Equal([1L], inner.Frames.Select(f => f.Pong));
        Assert.True(inner.Closed);
        Assert.Equal(DisconnectReason.RoomDeleted, inner.Leave!.Reason);
    }
}
