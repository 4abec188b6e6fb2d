namespace LiveKit.Rtc.Tests.WithDevServer;

/// <summary>
/// Every event of one room, attached before it connects (so nothing is missed), and a wait for the first event
/// of a type that matches. Several waits may look at the same log; events are never consumed.
/// </summary>
public sealed class RoomEventLog
{
    public static readonly TimeSpan Patience = TimeSpan.FromSeconds(60);

    private readonly List<RoomEvent> _events = [];
    private TaskCompletionSource _changed = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public RoomEventLog(Room room) => room.EventReceived += (_, e) =>
    {
        TaskCompletionSource changed;
        lock (_events)
        {
            _events.Add(e);
            changed = _changed;
            _changed = new(TaskCreationOptions.RunContinuationsAsynchronously);
        }

        changed.TrySetResult();
    };

    public IReadOnlyList<RoomEvent> Events
    {
        get
        {
            lock (_events)
            {
                return [.. _events];
            }
        }
    }

    public async Task<T> WaitAsync<T>(Func<T, bool>? match = null)
        where T : RoomEvent
    {
        using var cts = new CancellationTokenSource(Patience);
        while (true)
        {
            Task changed;
            lock (_events)
            {
                if (_events.OfType<T>().FirstOrDefault(e => match?.Invoke(e) ?? true) is { } found)
                {
                    return found;
                }

                changed = _changed.Task;
            }

            try
            {
                await changed.WaitAsync(cts.Token);
            }
            catch (OperationCanceledException)
            {
                throw new TimeoutException($"no {typeof(T).Name} within {Patience}; saw: {string.Join(", ", Events.Select(e => e.GetType().Name))}");
            }
        }
    }
}
