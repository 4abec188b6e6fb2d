using System.Security.Claims;
using System.Text.Json;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;
using WarmTransfer.ControlApi.Auth;
using WarmTransfer.ControlApi.Calls;
using WarmTransfer.ControlApi.Events;
using WarmTransfer.ControlApi.Hosting;
using WarmTransfer.ControlApi.LiveKit;
using WarmTransfer.ControlApi.Rooms;
using WarmTransfer.ControlApi.Tokens;
using WarmTransfer.ControlApi.Transcripts;
using WarmTransfer.ControlApi.Transfers;
using WarmTransfer.ControlApi.Validation;

namespace WarmTransfer.ControlApi.Seed;

/// <summary>
/// The seed project's API, kept for existing clients: <c>POST /token</c>, <c>/create-room</c>, <c>/list-rooms</c>,
/// <c>/generate-summary</c>, <c>/transfer</c> and <c>/move-caller</c>. Seed transfers are real transfers (history,
/// events, timers), in the seed's topology: the caller moves into the new room.
/// </summary>
internal static class SeedApi
{
    private static readonly TransferActor SeedActor = new("seed", IsAdmin: true);

    public static IEndpointRouteBuilder MapSeedApi(this IEndpointRouteBuilder routes, SeedOptions options, IHostEnvironment environment)
    {
        if (!options.Enabled)
        {
            return routes;
        }

        var group = routes.MapGroup("").WithTags("Seed compatibility");
        if (!(options.AllowAnonymous ?? EnvironmentDefaults.For(environment).SeedAllowsAnonymous))
        {
            group.RequireAuthorization(Policies.Agent);
        }

        group.MapPost("/token", Token).RequireRateLimiting(RateLimitPolicies.Tokens).WithSummary("Seed: a token for {identity, room}.");
        group.MapPost("/create-room", CreateRoom).WithSummary("Seed: create a call room (the bot is dispatched).");
        group.MapPost("/list-rooms", ListRooms).WithSummary("Seed: the LiveKit server's rooms.");
        group.MapPost("/generate-summary", GenerateSummary).WithSummary("Seed: summarise a transcript.");
        group.MapPost("/transfer", Transfer).RequireRateLimiting(RateLimitPolicies.Transfers).WithSummary("Seed: start a transfer into a new room with tokens for both agents.");
        group.MapPost("/move-caller", MoveCaller).RequireRateLimiting(RateLimitPolicies.Transfers).WithSummary("Seed: move the caller into the transfer's new room.");
        return routes;
    }

    private static Results<Ok<SeedTokenResponse>, ValidationProblem> Token(SeedTokenRequest request, RoomTokenFactory tokens, AgentDirectory directory)
    {
        var errors = new Dictionary<string, string[]>();
        Names.CheckIdentity(request.Identity, "identity", errors);
        Names.CheckRoom(request.Room, "room", errors);
        if (errors.Count > 0)
        {
            return ApiProblems.Invalid(errors);
        }

        // Known agents get agent grants; anyone else gets caller grants (this room only, microphone only).
        var role = directory.IsAgent(request.Identity) ? ParticipantRole.Agent : ParticipantRole.Caller;
        var token = tokens.Create(role, request.Room!, request.Identity!, directory.Find(request.Identity)?.Name);
        return TypedResults.Ok(new SeedTokenResponse(token.Token, token.WsUrl, token.Identity, token.Room));
    }

    private static async Task<Results<Ok<SeedRoomResponse>, ValidationProblem, ProblemHttpResult>> CreateRoom(
        SeedRoomRequest? request, ClaimsPrincipal user, CallService calls, RoomTokenFactory tokens, CancellationToken cancellationToken)
    {
        var name = request?.Room ?? RandomIds.CallRoom();
        var errors = new Dictionary<string, string[]>();
        Names.CheckRoom(name, "room", errors);
        if (errors.Count > 0)
        {
            return ApiProblems.Invalid(errors);
        }

        var creator = user.Identity?.IsAuthenticated == true ? user.Identity() : SeedActor.Identity;
        var opened = await calls.OpenAsync(name, creator, agent: null, caller: null, cancellationToken).ConfigureAwait(false);
        if (opened.NameTaken)
        {
            return ApiProblems.Conflict($"Room '{name}' already exists.");
        }

        return opened.Room is null
            ? ApiProblems.BadGateway($"The room could not be created on LiveKit: {opened.LiveKitError}")
            : TypedResults.Ok(new SeedRoomResponse(name, tokens.BrowserUrl));
    }

    private static async Task<Results<Ok<SeedRoomList>, ProblemHttpResult>> ListRooms(ILiveKitGateway liveKit, CancellationToken cancellationToken)
    {
        try
        {
            var rooms = await liveKit.ListRoomsAsync(cancellationToken).ConfigureAwait(false);
            return TypedResults.Ok(new SeedRoomList([.. rooms.Select(r => new SeedRoom(r.Name, r.Name, r.NumParticipants, r.CreatedAt))]));
        }
        catch (LiveKitUnavailableException e)
        {
            return ApiProblems.BadGateway(e.Message);
        }
    }

    private static async Task<Results<Ok<SeedSummaryResponse>, ValidationProblem>> GenerateSummary(
        SeedSummaryRequest request, ISummaryGenerator summaries, CancellationToken cancellationToken)
    {
        if (request.Transcript is not { } element || element.ValueKind is JsonValueKind.Null or JsonValueKind.Undefined)
        {
            return ApiProblems.Invalid("transcript", "'transcript' is required: a string, an array of lines, or an array of {speaker, text}.");
        }

        var transcript = SeedTranscript.Read(element, out var error);
        if (transcript is null || transcript.Length > SeedTranscript.MaxLength)
        {
            return ApiProblems.Invalid("transcript", error ?? $"'transcript' is longer than {SeedTranscript.MaxLength} characters.");
        }

        return TypedResults.Ok(new SeedSummaryResponse(await summaries.SummarizeAsync(transcript, request.Notes, cancellationToken).ConfigureAwait(false)));
    }

    private static async Task<Results<Ok<SeedTransferResponse>, ValidationProblem, ProblemHttpResult>> Transfer(
        SeedTransferRequest request,
        ClaimsPrincipal user,
        TransferService transfers,
        ITransferStore store,
        IRoomStore rooms,
        TranscriptService transcripts,
        ISummaryGenerator summaries,
        RoomTokenFactory tokens,
        AgentEventHub events,
        IOptions<TransferOptions> options,
        TimeProvider time,
        CancellationToken cancellationToken)
    {
        var errors = new Dictionary<string, string[]>();
        Names.CheckRoom(request.FromRoom, "fromRoom", errors);
        Names.CheckIdentity(request.AgentA, "agentA", errors);
        Names.CheckIdentity(request.AgentB, "agentB", errors);
        string? transcript = null;
        if (request.Transcript is { } element)
        {
            transcript = SeedTranscript.Read(element, out var error);
            if (transcript is null || transcript.Length > SeedTranscript.MaxLength)
            {
                errors["transcript"] = [error ?? $"'transcript' is longer than {SeedTranscript.MaxLength} characters."];
            }
        }

        if (request.Notes?.Length > options.Value.MaxNotesLength)
        {
            errors["notes"] = [$"'notes' is longer than {options.Value.MaxNotesLength} characters."];
        }

        if (errors.Count > 0)
        {
            return ApiProblems.Invalid(errors);
        }

        var actor = user.Identity?.IsAuthenticated == true ? new TransferActor(user.Identity(), user.IsAdmin()) : SeedActor;
        var fromRoom = request.FromRoom!;
        var agentA = request.AgentA!;

        // Seed clients never registered their call rooms with us: adopt the room, owned by Agent A.
        var now = time.GetUtcNow();
        await rooms.TryCreateAsync(new RoomRecord { Name = fromRoom, Kind = RoomKind.Call, Agent = agentA, CreatedBy = actor.Identity, CreatedAt = now }, cancellationToken).ConfigureAwait(false);
        await rooms.TryClaimAsync(fromRoom, agentA, cancellationToken).ConfigureAwait(false);

        var result = await transfers.StartAsync(new StartTransfer(fromRoom, agentA, request.AgentB!, request.Notes, TransferOrigins.Seed), actor, cancellationToken).ConfigureAwait(false);
        if (!result.Succeeded)
        {
            return result.ToProblem();
        }

        var transfer = result.Transfer!;
        transcript ??= string.Join('\n', (await transcripts.GetAsync(fromRoom, cancellationToken).ConfigureAwait(false)).Select(l => $"{l.Speaker}: {l.Text}"));
        var summary = await summaries.SummarizeAsync(transcript, request.Notes, cancellationToken).ConfigureAwait(false);
        await store.SetSummaryAsync(transfer.Id, summary, time.GetUtcNow(), cancellationToken).ConfigureAwait(false);
        await events.PublishAsync([transfer.FromAgent, transfer.ToAgent], AgentEventTypes.TransferSummary, transfer.Id, new Worker.SummaryEvent(transfer.Id, summary, "extractive", null), persist: true, cancellationToken).ConfigureAwait(false);

        var tokenA = tokens.Create(ParticipantRole.Agent, transfer.HandoffRoom, transfer.FromAgent, null);
        var tokenB = tokens.Create(ParticipantRole.Agent, transfer.HandoffRoom, transfer.ToAgent, null);
        return TypedResults.Ok(new SeedTransferResponse(transfer.HandoffRoom, summary, tokenA.Token, tokenB.Token, tokenA.WsUrl, transfer.Id));
    }

    private static async Task<Results<Ok<MoveCallerResponse>, ValidationProblem, ProblemHttpResult>> MoveCaller(
        MoveCallerRequest request, ClaimsPrincipal user, TransferService transfers, ITransferStore store, ILiveKitGateway liveKit, RoomTokenFactory tokens, CancellationToken cancellationToken)
    {
        var errors = new Dictionary<string, string[]>();
        Names.CheckIdentity(request.Identity, "identity", errors);
        Names.CheckRoom(request.FromRoom, "fromRoom", errors);
        Names.CheckRoom(request.NewRoom, "newRoom", errors);
        if (errors.Count > 0)
        {
            return ApiProblems.Invalid(errors);
        }

        var actor = user.Identity?.IsAuthenticated == true ? new TransferActor(user.Identity(), user.IsAdmin()) : SeedActor;
        var transfer = await store.FindActiveByHandoffRoomAsync(request.NewRoom!, cancellationToken).ConfigureAwait(false);
        if (transfer is not null)
        {
            if (transfer.Origin != TransferOrigins.Seed || transfer.CallRoom != request.FromRoom)
            {
                return ApiProblems.Conflict($"Room '{request.NewRoom}' is the handoff room of transfer {transfer.Id}, which does not move the caller out of '{request.FromRoom}'.", transfer.Id);
            }

            if (!actor.IsAdmin && actor.Identity != transfer.FromAgent && actor.Identity != transfer.ToAgent)
            {
                return ApiProblems.Forbidden($"Only the two agents of transfer {transfer.Id} can move its caller.");
            }

            var handedOver = await transfers.HandOverSeedAsync(transfer.Id, request.Identity!, actor, cancellationToken).ConfigureAwait(false);
            if (!handedOver.Succeeded)
            {
                return handedOver.ToProblem();
            }
        }

        MoveOutcome outcome;
        try
        {
            outcome = await liveKit.MoveParticipantAsync(request.FromRoom!, request.Identity!, request.NewRoom!, cancellationToken).ConfigureAwait(false);
        }
        catch (LiveKitUnavailableException e)
        {
            return ApiProblems.BadGateway(e.Message);
        }

        if (outcome == MoveOutcome.Moved)
        {
            return TypedResults.Ok(new MoveCallerResponse(true, request.NewRoom!, request.Identity!, null, tokens.BrowserUrl));
        }

        var token = tokens.Create(ParticipantRole.Caller, request.NewRoom!, request.Identity!, null);
        return TypedResults.Ok(new MoveCallerResponse(false, request.NewRoom!, request.Identity!, token.Token, token.WsUrl));
    }
}
