using System.Collections.Concurrent;
using System.Collections.Immutable;
using System.Text.Json;
using Microsoft.AspNetCore.Http.Json;
using Microsoft.Extensions.Options;

namespace WarmTransfer.ControlApi.Events;

/// <summary>
/// Agents' live event streams. Persisted events are written to the store (by <see cref="PublishAsync(IEnumerable{ValueTuple{string, string}}, string, object, bool, CancellationToken)"/>,
/// or by the transfer store in the same transaction as the state change they describe) and then announced with
/// <see cref="Notify"/>; each stream reads them from the store after its last id, which is also what makes
/// <c>Last-Event-ID</c> resume exact. Live-only events (transcript lines when retention is off) go straight to the
/// streams. Thread-safe.
/// </summary>
internal sealed class AgentEventHub(
    IAgentEventStore store,
    IOptions<JsonOptions> json,
    IOptions<EventOptions> options,
    TimeProvider time)
{
    private readonly ConcurrentDictionary<string, ImmutableArray<AgentEventSubscription>> _subscribers = new(StringComparer.Ordinal);

    public bool IsOnline(string agent) => _subscribers.TryGetValue(agent, out var list) && !list.IsDefaultOrEmpty;

    public AgentEventSubscription Subscribe(string agent)
    {
        var subscription = new AgentEventSubscription(agent, options.Value.StreamBuffer, Leave);
        _subscribers.AddOrUpdate(agent, _ => [subscription], (_, list) => list.Add(subscription));
        return subscription;
    }

    /// <summary>Unsaved events carrying <paramref name="payload"/> (serialized once) for each target; null agents and repeats are skipped.</summary>
    public IReadOnlyList<AgentEvent> Draft(IEnumerable<(string? Agent, string Type)> targets, string? transferId, object payload)
    {
        ArgumentNullException.ThrowIfNull(payload);
        var data = JsonSerializer.Serialize(payload, payload.GetType(), json.Value.SerializerOptions);
        var now = time.GetUtcNow();
        return [.. targets.Where(t => t.Agent is not null).DistinctBy(t => t.Agent, StringComparer.Ordinal)
            .Select(t => new AgentEvent(null, t.Agent!, t.Type, transferId, data, now))];
    }

    /// <summary>Sends one event to each of <paramref name="agents"/> (duplicates and nulls ignored).</summary>
    /// <param name="persist">Store the event for resume; false for live-only traffic (e.g. transcript lines when retention is off).</param>
    public Task PublishAsync(IEnumerable<string?> agents, string type, string? transferId, object payload, bool persist, CancellationToken cancellationToken) =>
        PublishAsync(agents.Select(agent => (agent, type)), transferId, payload, persist, cancellationToken);

    /// <summary>Sends the same payload to several agents, each with its own event type, in one store write.</summary>
    public async Task PublishAsync(IEnumerable<(string? Agent, string Type)> targets, string? transferId, object payload, bool persist, CancellationToken cancellationToken)
    {
        var drafts = Draft(targets, transferId, payload);
        if (drafts.Count == 0)
        {
            return;
        }

        if (persist)
        {
            await store.AppendAsync(drafts, cancellationToken).ConfigureAwait(false);
            Notify(drafts.Select(d => d.Agent));
            return;
        }

        foreach (var live in drafts)
        {
            foreach (var subscription in Subscriptions(live.Agent))
            {
                subscription.Deliver(live);
            }
        }
    }

    /// <summary>Tells the agents' open streams that persisted events are waiting for them.</summary>
    public void Notify(IEnumerable<string> agents)
    {
        foreach (var agent in agents.Distinct(StringComparer.Ordinal))
        {
            foreach (var subscription in Subscriptions(agent))
            {
                subscription.Signal();
            }
        }
    }

    private ImmutableArray<AgentEventSubscription> Subscriptions(string agent) =>
        _subscribers.TryGetValue(agent, out var list) ? list : [];

    private void Leave(AgentEventSubscription subscription)
    {
        while (_subscribers.TryGetValue(subscription.Agent, out var list))
        {
            var updated = list.Remove(subscription);
            if (updated.IsEmpty
                ? _subscribers.TryRemove(new KeyValuePair<string, ImmutableArray<AgentEventSubscription>>(subscription.Agent, list))
                : _subscribers.TryUpdate(subscription.Agent, updated, list))
            {
                return;
            }
        }
    }
}
