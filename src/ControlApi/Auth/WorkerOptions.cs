namespace WarmTransfer.ControlApi.Auth;

/// <summary>The worker's credential: the shared setting <c>WORKER_API_KEY</c> (default <c>dev-worker-key</c> in Development only).</summary>
internal sealed class WorkerOptions
{
    public string? ApiKey { get; set; }
}
