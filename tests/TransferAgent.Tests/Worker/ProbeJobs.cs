using WarmTransfer.TransferAgent.Worker;

namespace WarmTransfer.TransferAgent.Tests.Worker;

/// <summary>Kind "call" for the worker tests: reports its start and runs until released or cancelled.</summary>
public sealed class WaitingJob(JobProbe probe) : IRoomJob
{
    public string Kind => "call";

    public async Task RunAsync(RoomJobContext context, CancellationToken ct)
    {
        probe.Started(context, ct);
        await probe.WaitReleasedAsync(context.RoomName, ct);
    }
}

/// <summary>Kind "boom": throws as soon as it runs in its room.</summary>
public sealed class ThrowingJob : IRoomJob
{
    public string Kind => "boom";

    public Task RunAsync(RoomJobContext context, CancellationToken ct) =>
        throw new InvalidOperationException("the boom job always fails");
}
