namespace WarmTransfer.EndToEnd.Infrastructure;

/// <summary>How a test wants its <see cref="LocalSystem"/>.</summary>
public sealed class LocalSystemOptions
{
    /// <summary>Control API settings on top of the test defaults (e.g. <c>Transfers:AgentJoinTimeout</c>).</summary>
    public Dictionary<string, string?> Settings { get; } = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>
    /// Starts the transfer worker against the running system (LIVEKIT_URL = <c>system.LiveKit.Url</c>,
    /// CONTROL_API_URL = <c>system.BaseAddress</c>, WORKER_API_KEY = <see cref="LocalSystem.WorkerKey"/>); disposed
    /// before the control API and the dev server. Null: no worker (the bot's side is then driven by the test).
    /// </summary>
    public Func<LocalSystem, CancellationToken, Task<IAsyncDisposable>>? StartWorker { get; set; }
}
