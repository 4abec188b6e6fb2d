using System.Globalization;
using System.Net.ServerSentEvents;
using System.Runtime.CompilerServices;
using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;
using WarmTransfer.ControlApi.Auth;

namespace WarmTransfer.ControlApi.Events;

/// <summary>
/// The agent console's live stream: <c>GET /api/events</c> as server-sent events. Browsers' EventSource cannot send
/// headers, so the session token may come as <c>?access_token=</c>. Resume with the standard <c>Last-Event-ID</c>
/// header (EventSource sends it on reconnect) or <c>?lastEventId=</c>.
/// </summary>
internal static class AgentEventApi
{
    private const int ReplayBatch = 500;

    public static IEndpointRouteBuilder MapAgentEventApi(this IEndpointRouteBuilder routes)
    {
        routes.MapGet("/events", Stream)
            .WithTags("Events")
            .RequireAuthorization(Policies.Agent)
            .WithSummary("Server-sent events for the authenticated agent: incoming transfers, state changes, summaries, transcript lines.");
        return routes;
    }

    private static Results<ServerSentEventsResult<string>, ValidationProblem> Stream(
        HttpContext context,
        ClaimsPrincipal user,
        AgentEventHub hub,
        IAgentEventStore store,
        IOptions<EventOptions> options,
        IHostApplicationLifetime lifetime,
        TimeProvider time,
        string? lastEventId = null)
    {
        var resumeFrom = context.Request.Headers["Last-Event-ID"].ToString() is { Length: > 0 } header ? header : lastEventId;
        long after = 0;
        if (!string.IsNullOrEmpty(resumeFrom) && (!long.TryParse(resumeFrom, NumberStyles.None, CultureInfo.InvariantCulture, out after)))
        {
            return Hosting.ApiProblems.Invalid("lastEventId", "'Last-Event-ID' must be the numeric id of an event received earlier.");
        }

        // The stream ends when the client goes or the host stops; without the latter, shutdown would wait for every console.
        var stopping = CancellationTokenSource.CreateLinkedTokenSource(context.RequestAborted, lifetime.ApplicationStopping);
        context.Response.RegisterForDispose(stopping);
        var events = Read(user.Identity(), after, hub, store, options.Value.HeartbeatInterval, time, stopping.Token);
        return TypedResults.ServerSentEvents(events);
    }

    private static async IAsyncEnumerable<SseItem<string>> Read(
        string agent,
        long after,
        AgentEventHub hub,
        IAgentEventStore store,
        TimeSpan heartbeat,
        TimeProvider time,
        [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        // Subscribe before replaying, so a notification arriving meanwhile is not lost; the store read after it
        // starts from the last id sent, so nothing is sent twice.
        using var subscription = hub.Subscribe(agent);
        var last = after;
        await foreach (var stored in ReadStoredAsync(store, agent, last, cancellationToken).ConfigureAwait(false))
        {
            last = stored.Id!.Value;
            yield return Item(stored);
        }

        yield return new SseItem<string>("{}", AgentEventTypes.Ready);
        var reader = subscription.Reader;
        while (!cancellationToken.IsCancellationRequested)
        {
            bool available;
            var idleTooLong = false;
            using (var idle = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken))
            {
                idle.CancelAfter(heartbeat);
                try
                {
                    available = await reader.WaitToReadAsync(idle.Token).ConfigureAwait(false);
                }
                catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
                {
                    available = true;
                    idleTooLong = true;
                }
                catch (OperationCanceledException)
                {
                    // The console went away or the host is stopping: end the stream quietly, it is not an error.
                    available = false;
                }
            }

            if (idleTooLong)
            {
                yield return new SseItem<string>(time.GetUtcNow().ToString("O", CultureInfo.InvariantCulture), AgentEventTypes.Heartbeat);
                continue;
            }

            if (!available)
            {
                yield break;
            }

            var persisted = false;
            var live = new List<AgentEvent>();
            while (reader.TryRead(out var item))
            {
                if (item is null)
                {
                    persisted = true;
                }
                else
                {
                    live.Add(item);
                }
            }

            if (persisted)
            {
                await foreach (var stored in ReadStoredAsync(store, agent, last, cancellationToken).ConfigureAwait(false))
                {
                    last = stored.Id!.Value;
                    yield return Item(stored);
                }
            }

            foreach (var item in live)
            {
                yield return Item(item);
            }
        }
    }

    /// <summary>Every stored event of the agent after <paramref name="after"/>, in id order, in batches.</summary>
    private static async IAsyncEnumerable<AgentEvent> ReadStoredAsync(IAgentEventStore store, string agent, long after, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        while (!cancellationToken.IsCancellationRequested)
        {
            var batch = await store.ReadAfterAsync(agent, after, ReplayBatch, cancellationToken).ConfigureAwait(false);
            foreach (var stored in batch)
            {
                after = stored.Id!.Value;
                yield return stored;
            }

            if (batch.Count < ReplayBatch)
            {
                yield break;
            }
        }
    }

    private static SseItem<string> Item(AgentEvent agentEvent) =>
        new(agentEvent.Data, agentEvent.Type) { EventId = agentEvent.Id?.ToString(CultureInfo.InvariantCulture) };
}
