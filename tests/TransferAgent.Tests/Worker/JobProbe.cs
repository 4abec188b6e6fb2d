using System.Collections.Concurrent;
using System.Threading.Channels;
using WarmTransfer.TransferAgent.Worker;

namespace WarmTransfer.TransferAgent.Tests.Worker;

/// <summary>Shared by a test and the test jobs running in a worker host: what started, and when a job may finish.</summary>
public sealed class JobProbe
{
    private readonly Channel<RoomJobContext> _started = Channel.CreateUnbounded<RoomJobContext>();
    private readonly ConcurrentDictionary<string, TaskCompletionSource> _release = new(StringComparer.Ordinal);

    /// <summary>Cancellation tokens of the jobs, by room, to see whether a job was cancelled.</summary>
    public ConcurrentDictionary<string, CancellationToken> Tokens { get; } = new(StringComparer.Ordinal);

    public void Started(RoomJobContext context, CancellationToken ct)
    {
        Tokens[context.RoomName] = ct;
        _started.Writer.TryWrite(context);
    }

    public async Task<RoomJobContext> NextStartedAsync()
    {
        using var cts = new CancellationTokenSource(TestSupport.Patience.Slow);
        return await _started.Reader.ReadAsync(cts.Token);
    }

    /// <summary>Lets the job in <paramref name="room"/> return (successfully).</summary>
    public void Release(string room) => Gate(room).TrySetResult();

    public Task WaitReleasedAsync(string room, CancellationToken ct) => Gate(room).Task.WaitAsync(ct);

    private TaskCompletionSource Gate(string room) => _release.GetOrAdd(room, _ => new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously));
}
