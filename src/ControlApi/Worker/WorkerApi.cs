using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;
using WarmTransfer.ControlApi.Auth;
using WarmTransfer.ControlApi.Events;
using WarmTransfer.ControlApi.Hosting;
using WarmTransfer.ControlApi.Rooms;
using WarmTransfer.ControlApi.Transcripts;
using WarmTransfer.ControlApi.Transfers;
using WarmTransfer.ControlApi.Validation;

namespace WarmTransfer.ControlApi.Worker;

/// <summary>
/// The TransferAgent worker's interface (<c>Authorization: Bearer WORKER_API_KEY</c>): post transcript segments,
/// read a transfer's context, post the summary and briefing events.
/// </summary>
internal static class WorkerApi
{
    public const int MaxSegmentsPerPost = 200;
    public const int MaxSummaryLength = 20_000;
    public const int MaxDetailLength = 2_000;

    public static IEndpointRouteBuilder MapWorkerApi(this IEndpointRouteBuilder routes)
    {
        var group = routes.MapGroup("/worker")
            .WithTags("Worker")
            .RequireAuthorization(Policies.Worker)
            .WithRequestBodyLimit(routes.ServiceProvider.GetRequiredService<IOptions<ApiOptions>>().Value.MaxWorkerRequestBodyBytes);
        group.MapPost("/transcripts", PostTranscript).WithSummary("Add transcript segments of a room; they are pushed to the call's agents.");
        group.MapGet("/rooms/{room}", GetRoom).WithSummary("What the control API knows about a room (caller identity, agent).");
        group.MapGet("/transfers/{id}/context", GetContext).WithSummary("A transfer's context for the briefing: notes and transcript.");
        group.MapPost("/transfers/{id}/summary", PostSummary).WithSummary("The briefing summary text; pushed to both agents.");
        group.MapPost("/transfers/{id}/events", PostEvent).WithSummary("A briefing event (started, spoken, provider fallback, …).");
        return routes;
    }

    private static async Task<Results<Accepted, ValidationProblem, ProblemHttpResult>> PostTranscript(
        TranscriptPost post, TranscriptService transcripts, IOptions<TranscriptOptions> options, CancellationToken cancellationToken)
    {
        var errors = new Dictionary<string, string[]>();
        Names.CheckRoom(post.Room, "room", errors);
        if (post.Segments is null || post.Segments.Count == 0)
        {
            errors["segments"] = ["'segments' must hold at least one segment."];
        }
        else if (post.Segments.Count > MaxSegmentsPerPost)
        {
            errors["segments"] = [$"'segments' holds more than {MaxSegmentsPerPost} segments; post them in smaller batches."];
        }
        else
        {
            for (var i = 0; i < post.Segments.Count; i++)
            {
                var segment = post.Segments[i];
                if (string.IsNullOrEmpty(segment.Id) || segment.Id.Length > 128)
                {
                    errors[$"segments[{i}].id"] = ["'id' is required (at most 128 characters)."];
                }

                if (!Names.IsValidIdentity(segment.Speaker))
                {
                    errors[$"segments[{i}].speaker"] = [$"'speaker' must be the speaker's participant identity: {Names.IdentityRule}."];
                }

                if (segment.Text is null || segment.Text.Length > options.Value.MaxSegmentLength)
                {
                    errors[$"segments[{i}].text"] = [$"'text' is required (at most {options.Value.MaxSegmentLength} characters)."];
                }
            }
        }

        if (errors.Count > 0)
        {
            return ApiProblems.Invalid(errors);
        }

        var segments = post.Segments!
            .Select(s => transcripts.Segment(post.Room!, s.Id!, s.Speaker!, s.Text!, s.Final, s.StartMs, s.EndMs))
            .ToList();
        return await transcripts.AddAsync(post.Room!, segments, cancellationToken).ConfigureAwait(false)
            ? TypedResults.Accepted((string?)null)
            : ApiProblems.NotFound($"There is no open room '{post.Room}'.");
    }

    private static async Task<Results<Ok<RoomView>, ProblemHttpResult>> GetRoom(string room, IRoomStore rooms, CancellationToken cancellationToken)
    {
        var record = await rooms.GetAsync(room, cancellationToken).ConfigureAwait(false);
        return record is null ? ApiProblems.NotFound($"Room '{room}' is not known.") : TypedResults.Ok(RoomView.From(record, null));
    }

    private static async Task<Results<Ok<TransferContext>, ProblemHttpResult>> GetContext(
        string id, ITransferStore store, IRoomStore rooms, TranscriptService transcripts, AgentDirectory directory, CancellationToken cancellationToken)
    {
        var transfer = await store.GetAsync(id, cancellationToken).ConfigureAwait(false);
        if (transfer is null)
        {
            return ApiProblems.NotFound($"Transfer {id} does not exist.");
        }

        var room = await rooms.GetAsync(transfer.CallRoom, cancellationToken).ConfigureAwait(false);
        var transcript = await transcripts.GetAsync(transfer.CallRoom, cancellationToken).ConfigureAwait(false);
        return TypedResults.Ok(new TransferContext(
            transfer.Id,
            transfer.State,
            transfer.CallRoom,
            transfer.HandoffRoom,
            transfer.FromAgent,
            directory.Find(transfer.FromAgent)?.Name ?? transfer.FromAgent,
            transfer.ToAgent,
            directory.Find(transfer.ToAgent)?.Name ?? transfer.ToAgent,
            room?.Caller,
            transfer.Notes,
            transfer.Summary,
            transcript));
    }

    private static async Task<Results<NoContent, ValidationProblem, ProblemHttpResult>> PostSummary(
        string id, SummaryPost post, ITransferStore store, AgentEventHub events, TimeProvider time, CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(post.Text) || post.Text.Length > MaxSummaryLength)
        {
            return ApiProblems.Invalid("text", $"'text' is required (at most {MaxSummaryLength} characters).");
        }

        var transfer = await store.GetAsync(id, cancellationToken).ConfigureAwait(false);
        if (transfer is null || !await store.SetSummaryAsync(id, post.Text, time.GetUtcNow(), cancellationToken).ConfigureAwait(false))
        {
            return ApiProblems.NotFound($"Transfer {id} does not exist.");
        }

        await events.PublishAsync(
            [transfer.FromAgent, transfer.ToAgent],
            AgentEventTypes.TransferSummary,
            id,
            new SummaryEvent(id, post.Text, post.Provider, post.Model),
            persist: true,
            cancellationToken).ConfigureAwait(false);
        return TypedResults.NoContent();
    }

    private static async Task<Results<NoContent, ValidationProblem, ProblemHttpResult>> PostEvent(
        string id, WorkerEventPost post, ITransferStore store, TransferService transfers, AgentEventHub events, TimeProvider time, CancellationToken cancellationToken)
    {
        if (post.Type is null || !WorkerEventTypes.All.Contains(post.Type))
        {
            return ApiProblems.Invalid("type", $"'type' must be one of: {string.Join(", ", WorkerEventTypes.All)}.");
        }

        if (post.Detail?.Length > MaxDetailLength)
        {
            return ApiProblems.Invalid("detail", $"'detail' is longer than {MaxDetailLength} characters.");
        }

        var transfer = await store.GetAsync(id, cancellationToken).ConfigureAwait(false);
        if (transfer is null)
        {
            return ApiProblems.NotFound($"Transfer {id} does not exist.");
        }

        var activity = new TransferActivity(post.Type, post.Detail, time.GetUtcNow(), Roles.Worker);
        await store.AppendActivityAsync(id, activity, cancellationToken).ConfigureAwait(false);
        if (post.Type == WorkerEventTypes.AgentJoined)
        {
            await transfers.NoteJoinedHandoffAsync(transfer.HandoffRoom, transfer.ToAgent, cancellationToken).ConfigureAwait(false);
        }

        await events.PublishAsync(
            [transfer.FromAgent, transfer.ToAgent],
            AgentEventTypes.TransferActivity,
            id,
            new ActivityEvent(id, post.Type, post.Detail),
            persist: true,
            cancellationToken).ConfigureAwait(false);
        return TypedResults.NoContent();
    }
}
