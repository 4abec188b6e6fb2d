namespace WarmTransfer.TransferAgent.Worker;

/// <summary>
/// What the worker does in a room for one kind of dispatch (<c>{"kind":"call",…}</c>, <c>{"kind":"handoff",…}</c>).
/// The <see cref="JobRunner"/> joins the room with the job's token, picks the registered job whose <see cref="Kind"/>
/// equals the metadata's <c>kind</c>, and calls <see cref="RunAsync"/>.
/// </summary>
/// <remarks>
/// Contract: <see cref="RunAsync"/> returns when the job is done (the job is then reported successful); an exception
/// fails only this job, with the exception's message as the reason reported to the server. <paramref name="ct"/> is
/// cancelled when the server terminates the job, the room connection ends, or the worker's drain time-out expires;
/// return promptly then (throwing <see cref="OperationCanceledException"/> is fine). Implementations are resolved from
/// a DI scope created per job (register them scoped or transient); the room is owned and disposed by the runner.
/// </remarks>
public interface IRoomJob
{
    /// <summary>The metadata <c>kind</c> this job handles; unique among the registered jobs.</summary>
    string Kind { get; }

    Task RunAsync(RoomJobContext context, CancellationToken ct);
}
