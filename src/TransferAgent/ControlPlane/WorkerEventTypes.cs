namespace WarmTransfer.TransferAgent.ControlPlane;

/// <summary>The worker events the control API records on a transfer (its <c>WorkerEventTypes</c>; other values are rejected).</summary>
public static class WorkerEventTypes
{
    public const string BriefingStarted = "briefing_started";
    public const string BriefingSpoken = "briefing_spoken";
    public const string BriefingRepeated = "briefing_repeated";
    public const string ProviderFallback = "provider_fallback";
    public const string HoldStarted = "hold_started";
    public const string HoldStopped = "hold_stopped";

    /// <summary>Agent B appeared in the handoff room (the control API disarms its join timer).</summary>
    public const string AgentJoined = "agent_joined";

    /// <summary>The worker could not do its part; the detail says why.</summary>
    public const string WorkerError = "worker_error";

    /// <summary>Longest detail the control API accepts.</summary>
    public const int MaxDetailLength = 2000;
}
