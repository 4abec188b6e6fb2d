namespace WarmTransfer.ControlApi.Worker;

/// <summary>The worker events the control API records on a transfer.</summary>
internal static class WorkerEventTypes
{
    public const string BriefingStarted = "briefing_started";
    public const string BriefingSpoken = "briefing_spoken";
    public const string BriefingRepeated = "briefing_repeated";
    public const string ProviderFallback = "provider_fallback";
    public const string HoldStarted = "hold_started";
    public const string HoldStopped = "hold_stopped";

    /// <summary>Agent B appeared in the handoff room (disarms the join timer, like the webhook does).</summary>
    public const string AgentJoined = "agent_joined";

    public const string WorkerError = "worker_error";

    public static IReadOnlyList<string> All { get; } =
        [BriefingStarted, BriefingSpoken, BriefingRepeated, ProviderFallback, HoldStarted, HoldStopped, AgentJoined, WorkerError];
}
