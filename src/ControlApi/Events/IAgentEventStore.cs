namespace WarmTransfer.ControlApi.Events;

/// <summary>Durable per-agent event log behind the SSE stream's <c>Last-Event-ID</c> resume.</summary>
internal interface IAgentEventStore
{
    /// <summary>Appends the events (their <see cref="AgentEvent.Id"/> is ignored) and returns them with their assigned ids, in order.</summary>
    Task<IReadOnlyList<AgentEvent>> AppendAsync(IReadOnlyList<AgentEvent> events, CancellationToken cancellationToken);

    Task<IReadOnlyList<AgentEvent>> ReadAfterAsync(string agent, long afterId, int limit, CancellationToken cancellationToken);

    Task<int> PruneAsync(DateTimeOffset olderThan, CancellationToken cancellationToken);
}
