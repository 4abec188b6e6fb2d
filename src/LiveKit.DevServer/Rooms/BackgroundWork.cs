using System.Collections.Concurrent;

namespace LiveKit.DevServer.Rooms;

/// <summary>
/// Fire-and-forget work of the server (media session disposal, cross-room propagation, agent launches)
/// that must still finish before the server stops: <see cref="DrainAsync"/> awaits everything started.
/// </summary>
internal sealed class BackgroundWork
{
    private readonly ConcurrentDictionary<Task, byte> _running = new();

    /// <summary>Starts <paramref name="work"/> on the thread pool. Exceptions are reported to <paramref name="onError"/>.</summary>
    public void Run(Func<Task> work, Action<Exception> onError)
    {
        var task = Task.Run(async () =>
        {
            try
            {
                await work().ConfigureAwait(false);
            }
            catch (Exception e)
            {
                onError(e);
            }
        });
        _running.TryAdd(task, 0);
        task.ContinueWith(t => _running.TryRemove(t, out _), CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
    }

    /// <summary>Awaits all work started so far (and work that work starts).</summary>
    public async Task DrainAsync()
    {
        while (!_running.IsEmpty)
        {
            await Task.WhenAll(_running.Keys).ConfigureAwait(false);
        }
    }
}
