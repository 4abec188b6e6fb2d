using LiveKit.DevServer.Rooms;
using LiveKit.Proto;

namespace LiveKit.DevServer.Tests.Rooms.Fakes;

/// <summary>A participant's signal connection that records every frame the room queued, decoded, in order.</summary>
internal sealed class FakeSignal : IParticipantSignal
{
    private readonly List<SignalResponse> _frames = [];
    private TaskCompletionSource _changed = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public bool Closed { get; private set; }

    public LeaveRequest? Leave { get; private set; }

    public IReadOnlyList<SignalResponse> Frames
    {
        get
        {
            lock (_frames)
            {
                return [.. _frames];
            }
        }
    }

    public void Send(SignalFrame frame)
    {
        TaskCompletionSource changed;
        lock (_frames)
        {
            _frames.Add(SignalResponse.Parser.ParseFrom(frame.Bytes.Span));
            changed = _changed;
            _changed = new(TaskCreationOptions.RunContinuationsAsynchronously);
        }

        changed.TrySetResult();
    }

    /// <summary>Waits until a frame matching <paramref name="match"/> has been queued; returns it.</summary>
    public async Task<SignalResponse> WaitForAsync(Func<SignalResponse, bool> match)
    {
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(20));
        while (true)
        {
            Task changed;
            lock (_frames)
            {
                if (_frames.FirstOrDefault(match) is { } found)
                {
                    return found;
                }

                changed = _changed.Task;
            }

            await changed.WaitAsync(cts.Token);
        }
    }

    public void Close(LeaveRequest? leave, string reason)
    {
        Closed = true;
        Leave = leave;
    }

    public IEnumerable<SignalResponse> Of(SignalResponse.MessageOneofCase kind) => Frames.Where(f => f.MessageCase == kind);

    public IEnumerable<ParticipantInfo> UpdatesFor(string identity) =>
        Of(SignalResponse.MessageOneofCase.Update).SelectMany(u => u.Update.Participants).Where(p => p.Identity == identity);
}
