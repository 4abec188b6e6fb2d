using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;
using WarmTransfer.ControlApi.Auth;
using WarmTransfer.ControlApi.Calls;
using WarmTransfer.ControlApi.Hosting;
using WarmTransfer.ControlApi.LiveKit;
using WarmTransfer.ControlApi.Tokens;
using WarmTransfer.ControlApi.Transfers;
using WarmTransfer.ControlApi.Validation;

namespace WarmTransfer.ControlApi.Rooms;

/// <summary>Rooms for agents and admins: create a call room, list rooms, see who is in one, invite the caller, close it.</summary>
internal static class RoomApi
{
    public static IEndpointRouteBuilder MapRoomApi(this IEndpointRouteBuilder routes)
    {
        var group = routes.MapGroup("/rooms")
            .WithTags("Rooms")
            .RequireAuthorization(Policies.Agent);
        group.MapPost("", Create).WithSummary("Create a call room owned by you; the bot is dispatched into it.");
        group.MapGet("", List).WithSummary("Open rooms: every call room, and the handoff rooms you are part of (admins: all).");
        group.MapGet("/{room}/participants", Participants).WithSummary("Who is in a room you are part of.");
        group.MapPost("/{room}/caller-token", CallerToken)
            .RequireRateLimiting(RateLimitPolicies.Tokens)
            .WithSummary("Invite the caller into your call room: a caller token for that room only.");
        group.MapDelete("/{room}", Close).WithSummary("Close a room: everyone is disconnected; an active transfer on it ends.");
        return routes;
    }

    private static async Task<Results<Created<RoomView>, ValidationProblem, ProblemHttpResult>> Create(
        CreateRoomRequest? request, ClaimsPrincipal user, CallService calls, CancellationToken cancellationToken)
    {
        var name = request?.Name ?? RandomIds.CallRoom();
        var errors = new Dictionary<string, string[]>();
        Names.CheckRoom(name, "name", errors);
        if (name.StartsWith("handoff-", StringComparison.Ordinal))
        {
            errors["name"] = ["'name' must not start with 'handoff-' (reserved for handoff rooms)."];
        }

        if (errors.Count > 0)
        {
            return ApiProblems.Invalid(errors);
        }

        var identity = user.Identity();
        var opened = await calls.OpenAsync(name, identity, agent: user.IsAdmin() ? null : identity, caller: null, cancellationToken).ConfigureAwait(false);
        if (opened.NameTaken)
        {
            return ApiProblems.Conflict($"Room '{name}' already exists.");
        }

        return opened.Room is null
            ? ApiProblems.BadGateway($"The room could not be created on LiveKit: {opened.LiveKitError}")
            : TypedResults.Created($"/api/rooms/{name}", RoomView.From(opened.Room, 0));
    }

    private static async Task<Ok<RoomView[]>> List(ClaimsPrincipal user, IRoomStore rooms, RoomAccess access, ILiveKitGateway liveKit, CancellationToken cancellationToken)
    {
        var actor = new TransferActor(user.Identity(), user.IsAdmin());
        var open = await rooms.ListOpenAsync(cancellationToken).ConfigureAwait(false);
        Dictionary<string, int>? counts = null;
        try
        {
            counts = (await liveKit.ListRoomsAsync(cancellationToken).ConfigureAwait(false))
                .ToDictionary(r => r.Name, r => r.NumParticipants, StringComparer.Ordinal);
        }
        catch (LiveKitUnavailableException)
        {
            // The list still answers from the store; participant counts are then unknown (null).
        }

        var visible = new List<RoomView>();
        foreach (var room in open)
        {
            if (room.Kind == RoomKind.Call
                || (await access.CheckAsync(room.Name, actor, claimIfUnowned: false, cancellationToken).ConfigureAwait(false)).Allowed)
            {
                visible.Add(RoomView.From(room, counts is null ? null : counts.TryGetValue(room.Name, out var n) ? n : 0));
            }
        }

        return TypedResults.Ok(visible.ToArray());
    }

    private static async Task<Results<Ok<ParticipantView[]>, ProblemHttpResult>> Participants(
        string room, ClaimsPrincipal user, RoomAccess access, ILiveKitGateway liveKit, AgentDirectory directory, CancellationToken cancellationToken)
    {
        var decision = await access.CheckAsync(room, new TransferActor(user.Identity(), user.IsAdmin()), claimIfUnowned: false, cancellationToken).ConfigureAwait(false);
        if (!decision.Allowed)
        {
            return decision.NotFound ? ApiProblems.NotFound(decision.Refusal!) : ApiProblems.Forbidden(decision.Refusal!);
        }

        try
        {
            var participants = await liveKit.ListParticipantsAsync(room, cancellationToken).ConfigureAwait(false) ?? [];
            return TypedResults.Ok(participants.Select(p => ParticipantView.From(p, decision.Room!, directory.IsAgent)).ToArray());
        }
        catch (LiveKitUnavailableException e)
        {
            return ApiProblems.BadGateway(e.Message);
        }
    }

    private static async Task<Results<Ok<TokenResponse>, ValidationProblem, ProblemHttpResult>> CallerToken(
        string room,
        CallerTokenRequest? request,
        ClaimsPrincipal user,
        RoomAccess access,
        IRoomStore rooms,
        RoomTokenFactory tokens,
        IOptions<RoomOptions> options,
        CancellationToken cancellationToken)
    {
        var name = request?.Name?.Trim();
        if (name?.Length > options.Value.MaxDisplayNameLength)
        {
            return ApiProblems.Invalid("name", $"'name' is longer than {options.Value.MaxDisplayNameLength} characters.");
        }

        var decision = await access.CheckAsync(room, new TransferActor(user.Identity(), user.IsAdmin()), claimIfUnowned: false, cancellationToken).ConfigureAwait(false);
        if (!decision.Allowed)
        {
            return decision.NotFound ? ApiProblems.NotFound(decision.Refusal!) : ApiProblems.Forbidden(decision.Refusal!);
        }

        if (decision.Room!.Kind != RoomKind.Call)
        {
            return ApiProblems.Unprocessable($"'{room}' is a handoff room; callers only join call rooms.");
        }

        // One caller per call: a second invite re-issues a token for the same caller identity (a reconnect).
        var caller = decision.Room.Caller ?? RandomIds.Caller();
        if (!await rooms.TrySetCallerAsync(room, caller, cancellationToken).ConfigureAwait(false))
        {
            caller = (await rooms.GetAsync(room, cancellationToken).ConfigureAwait(false))?.Caller ?? caller;
        }

        return TypedResults.Ok(TokenResponse.From(tokens.Create(ParticipantRole.Caller, room, caller, string.IsNullOrEmpty(name) ? null : name)));
    }

    private static async Task<Results<NoContent, ProblemHttpResult>> Close(
        string room, ClaimsPrincipal user, IRoomStore rooms, CallService calls, CancellationToken cancellationToken)
    {
        var record = await rooms.GetAsync(room, cancellationToken).ConfigureAwait(false);
        if (record is not { IsOpen: true })
        {
            return ApiProblems.NotFound($"There is no open room '{room}'.");
        }

        var identity = user.Identity();
        if (!user.IsAdmin() && !(record.Kind == RoomKind.Call && record.Agent == identity))
        {
            return ApiProblems.Forbidden($"Only the call's agent or an admin can close room '{room}'.");
        }

        try
        {
            await calls.CloseAsync(record, identity, cancellationToken).ConfigureAwait(false);
        }
        catch (LiveKitUnavailableException e)
        {
            return ApiProblems.BadGateway(e.Message);
        }

        return TypedResults.NoContent();
    }
}
