using System.Net;
using System.Text.Json;
using LiveKit.Api;
using WarmTransfer.ControlApi.Tests.TestSupport;

namespace WarmTransfer.ControlApi.Tests.Transfers;

public sealed class TransferLifecycleTests
{
    private static readonly TokenVerifier Verifier = new(FakeLiveKitServer.ApiKey, FakeLiveKitServer.ApiSecret);

    [Fact]
    public async Task Transfer_AcceptedAndCompleted_MovesAgentBAndTearsDownHandoff()
    {
        await using var liveKit = await FakeLiveKitServer.StartAsync();
        await using var api = await ControlApiHost.StartAsync(liveKit);
        var call = await CallScenario.StartAsync(api, liveKit);
        await using var bobEvents = await EventStreamReader.OpenAsync(call.Bob, "/api/events");
        await bobEvents.NextOfAsync("ready");

        var transfer = await call.StartTransferAsync();
        var id = transfer.Str("id");
        var handoff = transfer.Str("handoffRoom");

        // Started: recorded, handoff room created, bot dispatched with the handoff metadata, briefing under way.
        Assert.Equal("Briefing", transfer.Str("state"));
        Assert.Equal(call.Room, transfer.Str("callRoom"));
        Assert.Equal("alice", transfer.Str("fromAgent"));
        Assert.Equal("bob", transfer.Str("toAgent"));
        Assert.True(liveKit.HasRoom(handoff));
        var dispatch = liveKit.Dispatches.Single(d => d.Room == handoff);
        using (var metadata = JsonDocument.Parse(dispatch.Metadata))
        {
            Assert.Equal("handoff", metadata.RootElement.Str("kind"));
            Assert.Equal(id, metadata.RootElement.Str("transferId"));
            Assert.Equal(call.Room, metadata.RootElement.Str("callRoom"));
            Assert.Equal(handoff, metadata.RootElement.Str("handoffRoom"));
        }

        Assert.Equal(["Requested", "Briefing"], liveKit.TransferSignals(call.Room).Select(s => s.Str("state")));
        var signal = liveKit.TransferSignals(handoff).Single();
        Assert.Equal(id, signal.Str("transferId"));
        Assert.Equal(handoff, signal.Str("handoffRoom"));
        var incoming = await bobEvents.NextOfAsync("transfer.incoming");
        Assert.Equal(id, incoming.Data.GetProperty("transfer").Str("id"));
        Assert.Equal("Caller wants a refund for order 42.", incoming.Data.GetProperty("transfer").Str("notes"));

        // Agent B gets into the handoff room; a third agent does not.
        var (bobToken, token, _) = await call.Bob.PostAsync("/api/tokens/agent", new { room = handoff });
        Assert.Equal(HttpStatusCode.OK, bobToken);
        Assert.Equal(handoff, Verifier.VerifyForJoin(token.Str("token")).Video!.Room);
        using var carol = await api.LoginAsync("carol");
        var (carolToken, _, _) = await carol.PostAsync("/api/tokens/agent", new { room = handoff });
        Assert.Equal(HttpStatusCode.Forbidden, carolToken);
        liveKit.Join(handoff, "alice");
        liveKit.Join(handoff, "bob");

        // Accept: MoveParticipant carries bob into the call room.
        var (acceptStatus, accepted, _) = await call.Bob.PostAsync($"/api/transfers/{id}/accept");
        Assert.Equal(HttpStatusCode.OK, acceptStatus);
        Assert.True(accepted.GetProperty("moved").GetBoolean());
        Assert.Equal(call.Room, accepted.Str("room"));
        Assert.Equal("Accepted", accepted.GetProperty("transfer").Str("state"));
        Assert.Contains("bob", liveKit.Participants(call.Room));
        await bobEvents.NextOfAsync("transfer.state", e => e.GetProperty("transfer").Str("state") == "Accepted");

        // Complete: alice leaves the call, the handoff room is gone, bob owns the call.
        var (completeStatus, completed, _) = await call.Alice.PostAsync($"/api/transfers/{id}/complete");
        Assert.Equal(HttpStatusCode.OK, completeStatus);
        Assert.Equal("Completed", completed.Str("state"));
        Assert.DoesNotContain("alice", liveKit.Participants(call.Room));
        Assert.Contains(call.Caller, liveKit.Participants(call.Room));
        Assert.False(liveKit.HasRoom(handoff));
        Assert.Equal("Completed", liveKit.TransferSignals(call.Room)[^1].Str("state"));

        var stored = await call.GetTransferAsync(id);
        var history = stored.GetProperty("history").EnumerateArray().Select(t => (t.Str("to"), t.Str("actor"))).ToArray();
        Assert.Equal([("Requested", "alice"), ("Briefing", "system"), ("Accepted", "bob"), ("Completed", "alice")], history);
        Assert.All(stored.GetProperty("history").EnumerateArray(), t => Assert.True(t.GetProperty("at").GetDateTimeOffset() > DateTimeOffset.MinValue));

        // The call now belongs to bob: he may start the next transfer from it; alice may no longer.
        var (aliceAgain, _, _) = await call.Alice.PostAsync("/api/tokens/agent", new { room = call.Room });
        var (bobAgain, _, _) = await call.Bob.PostAsync("/api/tokens/agent", new { room = call.Room });
        Assert.Equal(HttpStatusCode.Forbidden, aliceAgain);
        Assert.Equal(HttpStatusCode.OK, bobAgain);
    }

    [Fact]
    public async Task Accept_ServerWithoutMoveParticipant_ReturnsFreshCallRoomTokenForAgentB()
    {
        await using var liveKit = await FakeLiveKitServer.StartAsync();
        liveKit.SupportsMove = false;
        await using var api = await ControlApiHost.StartAsync(liveKit);
        var call = await CallScenario.StartAsync(api, liveKit);
        var id = (await call.StartTransferAsync()).Str("id");
        liveKit.Join((await call.GetTransferAsync(id)).Str("handoffRoom"), "bob");

        var (status, accepted, _) = await call.Bob.PostAsync($"/api/transfers/{id}/accept");

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.False(accepted.GetProperty("moved").GetBoolean());
        var claims = Verifier.VerifyForJoin(accepted.Str("token"));
        Assert.Equal("bob", claims.Identity);
        Assert.Equal(call.Room, claims.Video!.Room);
        Assert.Equal(liveKit.Url, accepted.Str("wsUrl"));
        Assert.DoesNotContain("bob", liveKit.Participants(call.Room));

        // With the transfer accepted, bob may also ask for a call-room token himself (a reconnect).
        var (again, _, _) = await call.Bob.PostAsync("/api/tokens/agent", new { room = call.Room });
        Assert.Equal(HttpStatusCode.OK, again);
    }

    [Fact]
    public async Task Decline_CallerStaysWithAgentA_HandoffDeletedReasonRecorded()
    {
        await using var liveKit = await FakeLiveKitServer.StartAsync();
        await using var api = await ControlApiHost.StartAsync(liveKit);
        var call = await CallScenario.StartAsync(api, liveKit);
        var transfer = await call.StartTransferAsync();
        var id = transfer.Str("id");
        await using var aliceEvents = await EventStreamReader.OpenAsync(call.Alice, "/api/events");

        var (status, declined, _) = await call.Bob.PostAsync($"/api/transfers/{id}/decline", new { reason = "Not my queue" });

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal("Declined", declined.Str("state"));
        Assert.Equal("Not my queue", declined.Str("reason"));
        Assert.False(liveKit.HasRoom(transfer.Str("handoffRoom")));
        Assert.Contains("alice", liveKit.Participants(call.Room));
        var last = liveKit.TransferSignals(call.Room)[^1];
        Assert.Equal("Declined", last.Str("state"));
        Assert.Equal("Not my queue", last.Str("reason"));
        var pushed = await aliceEvents.NextOfAsync("transfer.state", e => e.GetProperty("transfer").Str("state") == "Declined");
        Assert.Equal("bob", pushed.Data.GetProperty("transition").Str("actor"));
    }

    [Fact]
    public async Task Cancel_ByAgentA_EndsTransfer_ByAgentB_Forbidden()
    {
        await using var liveKit = await FakeLiveKitServer.StartAsync();
        await using var api = await ControlApiHost.StartAsync(liveKit);
        var call = await CallScenario.StartAsync(api, liveKit);
        var id = (await call.StartTransferAsync()).Str("id");

        var (byBob, refusal, _) = await call.Bob.PostAsync($"/api/transfers/{id}/cancel");
        var (byAlice, cancelled, _) = await call.Alice.PostAsync($"/api/transfers/{id}/cancel", new { reason = "Caller solved it" });

        Assert.Equal(HttpStatusCode.Forbidden, byBob);
        Assert.Contains("Only the agent who started", refusal.Str("detail"), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, byAlice);
        Assert.Equal("Cancelled", cancelled.Str("state"));
        Assert.Equal("Caller solved it", cancelled.Str("reason"));
    }

    [Fact]
    public async Task Commands_IllegalInState_Are409WithTheCurrentState()
    {
        await using var liveKit = await FakeLiveKitServer.StartAsync();
        await using var api = await ControlApiHost.StartAsync(liveKit);
        var call = await CallScenario.StartAsync(api, liveKit);
        var id = (await call.StartTransferAsync()).Str("id");

        var (completeEarly, early, _) = await call.Alice.PostAsync($"/api/transfers/{id}/complete");
        await call.Bob.PostAsync($"/api/transfers/{id}/accept");
        var (cancelLate, late, _) = await call.Alice.PostAsync($"/api/transfers/{id}/cancel");
        var (acceptTwice, twice, _) = await call.Bob.PostAsync($"/api/transfers/{id}/accept");

        Assert.Equal(HttpStatusCode.Conflict, completeEarly);
        Assert.Equal($"Cannot complete transfer {id}: it is Briefing; it can only be: accepted, declined, cancelled.", early.Str("detail"));
        Assert.Equal("Briefing", early.Str("state"));
        Assert.Equal(HttpStatusCode.Conflict, cancelLate);
        Assert.Equal($"Cannot cancel transfer {id}: it is Accepted; it can only be: completed.", late.Str("detail"));
        Assert.Equal(HttpStatusCode.Conflict, acceptTwice);
        Assert.Equal("Accepted", twice.Str("state"));
    }

    [Fact]
    public async Task Start_CallerCredentialsOrForeignAgent_Refused()
    {
        await using var liveKit = await FakeLiveKitServer.StartAsync();
        await using var api = await ControlApiHost.StartAsync(liveKit);
        var call = await CallScenario.StartAsync(api, liveKit);
        var (_, callerCall, _) = await api.Client.PostAsync("/api/calls");
        using var asCaller = api.NewClient();
        asCaller.DefaultRequestHeaders.Authorization = new("Bearer", callerCall.Str("token"));
        using var carol = await api.LoginAsync("carol");

        var (anonymous, _, _) = await api.Client.PostAsync("/api/transfers", new { callRoom = call.Room, toAgent = "bob" });
        var (caller, _, _) = await asCaller.PostAsync("/api/transfers", new { callRoom = call.Room, toAgent = "bob" });
        var (foreign, problem, _) = await carol.PostAsync("/api/transfers", new { callRoom = call.Room, toAgent = "bob" });
        var (impersonating, _, _) = await carol.PostAsync("/api/transfers", new { callRoom = call.Room, toAgent = "bob", fromAgent = "alice" });

        Assert.Equal(HttpStatusCode.Unauthorized, anonymous);
        Assert.Equal(HttpStatusCode.Unauthorized, caller);
        Assert.Equal(HttpStatusCode.Forbidden, foreign);
        Assert.Contains("not the agent of call room", problem.Str("detail"), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Forbidden, impersonating);
        Assert.DoesNotContain(liveKit.Dispatches, d => d.Metadata.Contains("handoff", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Start_UnknownOrSameAgent_Is422_SecondActiveTransfer_Is409()
    {
        await using var liveKit = await FakeLiveKitServer.StartAsync();
        await using var api = await ControlApiHost.StartAsync(liveKit);
        var call = await CallScenario.StartAsync(api, liveKit);

        var (unknown, unknownProblem, _) = await call.Alice.PostAsync("/api/transfers", new { callRoom = call.Room, toAgent = "mallory" });
        var (self, _, _) = await call.Alice.PostAsync("/api/transfers", new { callRoom = call.Room, toAgent = "alice" });
        var first = await call.StartTransferAsync();
        var (second, secondProblem, _) = await call.Alice.PostAsync("/api/transfers", new { callRoom = call.Room, toAgent = "carol" });

        Assert.Equal(HttpStatusCode.UnprocessableEntity, unknown);
        Assert.Contains("'mallory' is not a known agent", unknownProblem.Str("detail"), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, self);
        Assert.Equal(HttpStatusCode.Conflict, second);
        Assert.Equal(first.Str("id"), secondProblem.Str("transferId"));
    }

    [Fact]
    public async Task Start_LiveKitRefusesHandoffRoom_TransferFailedWith502()
    {
        await using var liveKit = await FakeLiveKitServer.StartAsync();
        await using var api = await ControlApiHost.StartAsync(liveKit);
        var call = await CallScenario.StartAsync(api, liveKit);
        liveKit.Fail = method => method == "CreateRoom" ? new TwirpException(TwirpErrorCode.ResourceExhausted, "room limit reached") : null;

        var (status, problem, _) = await call.Alice.PostAsync("/api/transfers", new { callRoom = call.Room, toAgent = "bob" });

        Assert.Equal(HttpStatusCode.BadGateway, status);
        Assert.Contains("room limit reached", problem.Str("detail"), StringComparison.Ordinal);
        var stored = await call.GetTransferAsync(problem.Str("transferId"));
        Assert.Equal("Failed", stored.Str("state"));
        Assert.Contains("room limit reached", stored.Str("reason"), StringComparison.Ordinal);

        // The call room is free again for a new attempt.
        liveKit.Fail = null;
        var retry = await call.StartTransferAsync();
        Assert.Equal("Briefing", retry.Str("state"));
    }

    [Fact]
    public async Task History_FiltersByRoomAgentStateAndTime_AgentsSeeOnlyTheirOwn()
    {
        await using var liveKit = await FakeLiveKitServer.StartAsync();
        await using var api = await ControlApiHost.StartAsync(liveKit);
        var call = await CallScenario.StartAsync(api, liveKit);
        var first = (await call.StartTransferAsync()).Str("id");
        await call.Alice.PostAsync($"/api/transfers/{first}/cancel");
        api.Time.Advance(TimeSpan.FromMinutes(10));
        var second = (await call.StartTransferAsync()).Str("id");
        using var carol = await api.LoginAsync("carol");
        using var admin = await api.LoginAsync("admin");

        var (_, all, _) = await call.Alice.GetJsonAsync("/api/transfers");
        var (_, cancelled, _) = await call.Alice.GetJsonAsync("/api/transfers?state=Cancelled");
        var (_, recent, _) = await call.Alice.GetJsonAsync($"/api/transfers?from={Uri.EscapeDataString(api.Time.GetUtcNow().AddMinutes(-1).ToString("O"))}");
        var (_, byRoom, _) = await admin.GetJsonAsync($"/api/transfers?room={call.Room}");
        var (_, carols, _) = await carol.GetJsonAsync("/api/transfers");
        var (peek, _, _) = await carol.GetJsonAsync("/api/transfers?agent=alice");
        var (hidden, _, _) = await carol.GetJsonAsync($"/api/transfers/{first}");
        var (badState, badStateProblem, _) = await call.Alice.GetJsonAsync("/api/transfers?state=Sleeping");

        Assert.Equal([second, first], all.EnumerateArray().Select(t => t.Str("id")));
        Assert.Equal([first], cancelled.EnumerateArray().Select(t => t.Str("id")));
        Assert.Equal([second], recent.EnumerateArray().Select(t => t.Str("id")));
        Assert.Equal(2, byRoom.GetArrayLength());
        Assert.Equal(0, carols.GetArrayLength());
        Assert.Equal(HttpStatusCode.Forbidden, peek);
        Assert.Equal(HttpStatusCode.NotFound, hidden);
        Assert.Equal(HttpStatusCode.BadRequest, badState);
        Assert.Contains("Requested, Briefing", badStateProblem.GetProperty("errors").GetProperty("state")[0].GetString(), StringComparison.Ordinal);
    }
}
