using LiveKit.Rtc;

namespace WarmTransfer.ControlApi.Tests.WithDevServer;

/// <summary>
/// A real LiveKit participant (LiveKit's Rust core through LiveKit.Rtc) connected with a token the control API issued,
/// with every room event recorded from before the connect, and waits for events that match.
/// </summary>
public sealed class RtcParticipant : IAsyncDisposable
{
    public static readonly TimeSpan Patience = TimeSpan.FromSeconds(60);

    private readonly List<RoomEvent> _events = [];
    private TaskCompletionSource _changed = new(TaskCreationOptions.RunContinuationsAsynchronously);

    private RtcParticipant()
    {
        Room.EventReceived += (_, e) =>
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
    }

    public Room Room { get; } = new();

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

    public static async Task<RtcParticipant> ConnectAsync(string url, string token)
    {
        var participant = new RtcParticipant();
        try
        {
            await participant.Room.ConnectAsync(url, token).WaitAsync(Patience);
            return participant;
        }
        catch
        {
            await participant.DisposeAsync();
            throw;
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
                throw new TimeoutException($"no matching {typeof(T).Name} within {Patience}; saw: {string.Join(", ", Events.Select(e => e.ToString()))}");
            }
        }
    }

    public ValueTask DisposeAsync() => Room.DisposeAsync();
}
