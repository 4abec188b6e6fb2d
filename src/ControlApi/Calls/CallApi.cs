using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;
using WarmTransfer.ControlApi.Hosting;
using WarmTransfer.ControlApi.Rooms;
using WarmTransfer.ControlApi.Tokens;
using WarmTransfer.ControlApi.Validation;

namespace WarmTransfer.ControlApi.Calls;

/// <summary>
/// A caller starts a call: <c>POST /api/calls</c> (anonymous, rate-limited) opens a new call room, dispatches the bot,
/// rings the agents' consoles (<c>call.incoming</c>), and returns a caller token that can join that room only. An agent
/// takes the call by asking for a token for it (the first one claims it).
/// </summary>
internal static class CallApi
{
    public static IEndpointRouteBuilder MapCallApi(this IEndpointRouteBuilder routes)
    {
        routes.MapPost("/calls", Start)
            .WithTags("Calls")
            .AllowAnonymous()
            .RequireRateLimiting(RateLimitPolicies.Tokens)
            .WithSummary("Start a call as a caller: a new call room and a caller token for it.");
        return routes;
    }

    private static async Task<Results<Created<CallResponse>, ValidationProblem, ProblemHttpResult>> Start(
        CallerTokenRequest? request,
        CallService calls,
        CallNotifier notifier,
        RoomTokenFactory tokens,
        IOptions<RoomOptions> options,
        CancellationToken cancellationToken)
    {
        var name = request?.Name?.Trim();
        if (name?.Length > options.Value.MaxDisplayNameLength)
        {
            return ApiProblems.Invalid("name", $"'name' is longer than {options.Value.MaxDisplayNameLength} characters.");
        }

        var caller = RandomIds.Caller();
        var opened = await calls.OpenAsync(RandomIds.CallRoom(), createdBy: caller, agent: null, caller: caller, cancellationToken).ConfigureAwait(false);
        if (opened.Room is null)
        {
            return ApiProblems.BadGateway($"The call room could not be created: {opened.LiveKitError ?? "the generated name is taken; retry"}.");
        }

        var token = tokens.Create(ParticipantRole.Caller, opened.Room.Name, caller, string.IsNullOrEmpty(name) ? null : name);
        await notifier.IncomingAsync(opened.Room.Name, string.IsNullOrEmpty(name) ? null : name, cancellationToken).ConfigureAwait(false);
        return TypedResults.Created(
            $"/api/rooms/{opened.Room.Name}",
            new CallResponse(opened.Room.Name, caller, token.Token, token.WsUrl, token.ExpiresAt, opened.BotDispatched));
    }
}
