using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Options;
using WarmTransfer.ControlApi.Auth;
using WarmTransfer.ControlApi.Hosting;
using WarmTransfer.ControlApi.Idempotency;
using WarmTransfer.ControlApi.Validation;

namespace WarmTransfer.ControlApi.Transfers;

/// <summary>
/// The transfer lifecycle for agents: start, read, history, accept, decline, cancel, complete. Commands honour an
/// <c>Idempotency-Key</c> header (a retry gets the first answer back). Callers cannot reach any of this: every route
/// requires an agent session or API key.
/// </summary>
internal static class TransferApi
{
    public static IEndpointRouteBuilder MapTransferApi(this IEndpointRouteBuilder routes)
    {
        var group = routes.MapGroup("/transfers")
            .WithTags("Transfers")
            .RequireAuthorization(Policies.Agent);

        group.MapPost("", Start)
            .RequireRateLimiting(RateLimitPolicies.Transfers)
            .WithIdempotency("transfer.start")
            .WithSummary("Start a transfer of your call to another agent.");
        group.MapGet("", List).WithSummary("Transfer history, newest first; agents see their own, admins all.");
        group.MapGet("/{id}", Get).WithSummary("One transfer with its state history and worker activity.");
        group.MapPost("/{id}/accept", Accept)
            .RequireRateLimiting(RateLimitPolicies.Transfers)
            .WithIdempotency("transfer.accept")
            .WithSummary("Agent B accepts: moved into the call room, or given a token for it.");
        group.MapPost("/{id}/decline", Decline)
            .RequireRateLimiting(RateLimitPolicies.Transfers)
            .WithIdempotency("transfer.decline")
            .WithSummary("Agent B declines; the caller stays with Agent A.");
        group.MapPost("/{id}/cancel", Cancel)
            .RequireRateLimiting(RateLimitPolicies.Transfers)
            .WithIdempotency("transfer.cancel")
            .WithSummary("Agent A withdraws the transfer before it is accepted.");
        group.MapPost("/{id}/complete", Complete)
            .RequireRateLimiting(RateLimitPolicies.Transfers)
            .WithIdempotency("transfer.complete")
            .WithSummary("Finish an accepted transfer: Agent A leaves the call, the handoff room is deleted.");
        return routes;
    }

    private static async Task<Results<Created<TransferView>, ValidationProblem, ProblemHttpResult>> Start(
        [FromBody] StartTransferRequest request, ClaimsPrincipal user, TransferService transfers, IOptions<TransferOptions> options, CancellationToken cancellationToken)
    {
        var errors = new Dictionary<string, string[]>();
        Names.CheckRoom(request.CallRoom, "callRoom", errors);
        Names.CheckIdentity(request.ToAgent, "toAgent", errors);
        if (request.FromAgent is not null)
        {
            Names.CheckIdentity(request.FromAgent, "fromAgent", errors);
        }

        if (request.Notes?.Length > options.Value.MaxNotesLength)
        {
            errors["notes"] = [$"'notes' is longer than {options.Value.MaxNotesLength} characters."];
        }

        if (errors.Count > 0)
        {
            return ApiProblems.Invalid(errors);
        }

        var actor = Actor(user);
        var result = await transfers.StartAsync(
            new StartTransfer(request.CallRoom!, request.FromAgent ?? actor.Identity, request.ToAgent!, request.Notes),
            actor,
            cancellationToken).ConfigureAwait(false);
        return result.Succeeded
            ? TypedResults.Created($"/api/transfers/{result.Transfer!.Id}", TransferView.From(result.Transfer))
            : result.ToProblem();
    }

    private static async Task<Results<Ok<TransferView[]>, ValidationProblem, ProblemHttpResult>> List(
        ClaimsPrincipal user,
        ITransferStore store,
        string? room = null,
        string? agent = null,
        string? state = null,
        DateTimeOffset? from = null,
        DateTimeOffset? to = null,
        DateTimeOffset? before = null,
        int limit = 50,
        CancellationToken cancellationToken = default)
    {
        var errors = new Dictionary<string, string[]>();
        if (room is not null)
        {
            Names.CheckRoom(room, "room", errors);
        }

        if (agent is not null)
        {
            Names.CheckIdentity(agent, "agent", errors);
        }

        TransferState? parsedState = null;
        if (state is not null)
        {
            if (Enum.TryParse<TransferState>(state, ignoreCase: true, out var s) && Enum.IsDefined(s) && !int.TryParse(state, out _))
            {
                parsedState = s;
            }
            else
            {
                errors["state"] = [$"'state' must be one of: {string.Join(", ", Enum.GetNames<TransferState>())}."];
            }
        }

        if (limit is < 1 or > 500)
        {
            errors["limit"] = ["'limit' must be between 1 and 500."];
        }

        if (from is not null && to is not null && from > to)
        {
            errors["from"] = ["'from' must not be after 'to'."];
        }

        if (errors.Count > 0)
        {
            return ApiProblems.Invalid(errors);
        }

        var actor = Actor(user);
        if (!actor.IsAdmin)
        {
            if (agent is not null && agent != actor.Identity)
            {
                return ApiProblems.Forbidden("Agents can only list their own transfers; leave 'agent' out or use your own identity.");
            }

            agent = actor.Identity;
        }

        var found = await store.QueryAsync(new TransferQuery(room, agent, parsedState, from, to, limit, before), cancellationToken).ConfigureAwait(false);
        return TypedResults.Ok(found.Select(t => TransferView.From(t)).ToArray());
    }

    private static async Task<Results<Ok<TransferView>, ProblemHttpResult>> Get(string id, ClaimsPrincipal user, ITransferStore store, CancellationToken cancellationToken)
    {
        var transfer = await store.GetAsync(id, cancellationToken).ConfigureAwait(false);
        if (transfer is null || !TransferService.CanView(transfer, Actor(user)))
        {
            // Same answer for "absent" and "not yours": transfer ids are not an oracle.
            return ApiProblems.NotFound($"Transfer {id} does not exist.");
        }

        var history = await store.GetTransitionsAsync(id, cancellationToken).ConfigureAwait(false);
        var activity = await store.GetActivityAsync(id, cancellationToken).ConfigureAwait(false);
        return TypedResults.Ok(TransferView.From(transfer, history, activity));
    }

    private static async Task<Results<Ok<AcceptResponse>, ProblemHttpResult>> Accept(
        [FromRoute] string id, ClaimsPrincipal user, TransferService transfers, CancellationToken cancellationToken)
    {
        var result = await transfers.AcceptAsync(id, Actor(user), cancellationToken).ConfigureAwait(false);
        if (!result.Succeeded)
        {
            return result.ToProblem();
        }

        var admission = result.Admission!;
        return TypedResults.Ok(new AcceptResponse(TransferView.From(result.Transfer!), admission.Room, admission.Moved, admission.Token, admission.WsUrl, admission.ExpiresAt));
    }

    private static async Task<Results<Ok<TransferView>, ValidationProblem, ProblemHttpResult>> Decline(
        [FromRoute] string id, [FromBody] ReasonRequest? request, ClaimsPrincipal user, TransferService transfers, IOptions<TransferOptions> options, CancellationToken cancellationToken)
    {
        if (ValidateReason(request, options.Value) is { } invalid)
        {
            return invalid;
        }

        var result = await transfers.DeclineAsync(id, Actor(user), Reason(request), cancellationToken).ConfigureAwait(false);
        return result.Succeeded ? TypedResults.Ok(TransferView.From(result.Transfer!)) : result.ToProblem();
    }

    private static async Task<Results<Ok<TransferView>, ValidationProblem, ProblemHttpResult>> Cancel(
        [FromRoute] string id, [FromBody] ReasonRequest? request, ClaimsPrincipal user, TransferService transfers, IOptions<TransferOptions> options, CancellationToken cancellationToken)
    {
        if (ValidateReason(request, options.Value) is { } invalid)
        {
            return invalid;
        }

        var result = await transfers.CancelAsync(id, Actor(user), Reason(request), cancellationToken).ConfigureAwait(false);
        return result.Succeeded ? TypedResults.Ok(TransferView.From(result.Transfer!)) : result.ToProblem();
    }

    private static async Task<Results<Ok<TransferView>, ProblemHttpResult>> Complete(
        [FromRoute] string id, ClaimsPrincipal user, TransferService transfers, CancellationToken cancellationToken)
    {
        var result = await transfers.CompleteAsync(id, Actor(user), cancellationToken).ConfigureAwait(false);
        return result.Succeeded ? TypedResults.Ok(TransferView.From(result.Transfer!)) : result.ToProblem();
    }

    private static TransferActor Actor(ClaimsPrincipal user) => new(user.Identity(), user.IsAdmin());

    private static string? Reason(ReasonRequest? request) => string.IsNullOrWhiteSpace(request?.Reason) ? null : request.Reason.Trim();

    private static ValidationProblem? ValidateReason(ReasonRequest? request, TransferOptions options) =>
        request?.Reason?.Length > options.MaxReasonLength
            ? ApiProblems.Invalid("reason", $"'reason' is longer than {options.MaxReasonLength} characters.")
            : null;
}
