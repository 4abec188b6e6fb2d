using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using WarmTransfer.ControlApi.Auth;
using WarmTransfer.ControlApi.Calls;
using WarmTransfer.ControlApi.Hosting;
using WarmTransfer.ControlApi.Rooms;
using WarmTransfer.ControlApi.Transfers;
using WarmTransfer.ControlApi.Validation;

namespace WarmTransfer.ControlApi.Tokens;

/// <summary>
/// LiveKit tokens for agents, admins and the bot. Callers get theirs from <c>POST /api/calls</c> (a new call) or from
/// their agent's invite (<c>POST /api/rooms/{room}/caller-token</c>); they never authenticate here.
/// </summary>
internal static class TokenApi
{
    public static IEndpointRouteBuilder MapTokenApi(this IEndpointRouteBuilder routes)
    {
        var group = routes.MapGroup("/tokens")
            .WithTags("Tokens")
            .RequireRateLimiting(RateLimitPolicies.Tokens);
        group.MapPost("/agent", Agent)
            .RequireAuthorization(Policies.Agent)
            .WithSummary("A token for a call or handoff room you are part of (an unowned call room is claimed).");
        group.MapPost("/admin", Admin)
            .RequireAuthorization(Policies.Admin)
            .WithSummary("A room-admin token for any open room.");
        group.MapPost("/bot", Bot)
            .RequireAuthorization(Policies.BotTokens)
            .WithSummary("A hidden agent-kind token for the bot (admins and the worker).");
        return routes;
    }

    private static async Task<Results<Ok<TokenResponse>, ValidationProblem, ProblemHttpResult>> Agent(
        TokenRequest request,
        ClaimsPrincipal user,
        RoomAccess access,
        RoomTokenFactory tokens,
        AgentDirectory directory,
        CallNotifier calls,
        CancellationToken cancellationToken)
    {
        if (Validate(request) is { } invalid)
        {
            return invalid;
        }

        var identity = user.Identity();
        var decision = await access.CheckAsync(request.Room!, new TransferActor(identity, user.IsAdmin()), claimIfUnowned: true, cancellationToken).ConfigureAwait(false);
        if (!decision.Allowed)
        {
            return decision.NotFound ? ApiProblems.NotFound(decision.Refusal!) : ApiProblems.Forbidden(decision.Refusal!);
        }

        if (decision.Claimed)
        {
            await calls.AnsweredAsync(request.Room!, identity, cancellationToken).ConfigureAwait(false);
        }

        return TypedResults.Ok(TokenResponse.From(tokens.Create(ParticipantRole.Agent, request.Room!, identity, directory.Find(identity)?.Name)));
    }

    private static async Task<Results<Ok<TokenResponse>, ValidationProblem, ProblemHttpResult>> Admin(
        TokenRequest request, ClaimsPrincipal user, IRoomStore rooms, RoomTokenFactory tokens, CancellationToken cancellationToken)
    {
        if (Validate(request) is { } invalid)
        {
            return invalid;
        }

        var room = await rooms.GetAsync(request.Room!, cancellationToken).ConfigureAwait(false);
        if (room is not { IsOpen: true })
        {
            return ApiProblems.NotFound($"There is no open room '{request.Room}'.");
        }

        var identity = user.Identity();
        return TypedResults.Ok(TokenResponse.From(tokens.Create(ParticipantRole.Admin, room.Name, identity, user.Identity?.Name)));
    }

    private static async Task<Results<Ok<TokenResponse>, ValidationProblem, ProblemHttpResult>> Bot(
        TokenRequest request, IRoomStore rooms, RoomTokenFactory tokens, CancellationToken cancellationToken)
    {
        if (Validate(request) is { } invalid)
        {
            return invalid;
        }

        var identity = request.Identity ?? "wt-bot";
        if (!Names.IsValidIdentity(identity))
        {
            return ApiProblems.Invalid("identity", $"'identity' is not a valid identity: {Names.IdentityRule}.");
        }

        var room = await rooms.GetAsync(request.Room!, cancellationToken).ConfigureAwait(false);
        return room is not { IsOpen: true }
            ? ApiProblems.NotFound($"There is no open room '{request.Room}'.")
            : TypedResults.Ok(TokenResponse.From(tokens.Create(ParticipantRole.Bot, room.Name, identity, "Transfer assistant")));
    }

    private static ValidationProblem? Validate(TokenRequest request)
    {
        var errors = new Dictionary<string, string[]>();
        Names.CheckRoom(request.Room, "room", errors);
        return errors.Count == 0 ? null : ApiProblems.Invalid(errors);
    }
}
