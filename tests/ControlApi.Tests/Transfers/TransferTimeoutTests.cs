using System.Net;
using WarmTransfer.ControlApi.Tests.TestSupport;

namespace WarmTransfer.ControlApi.Tests.Transfers;

/// <summary>Transfer timers, driven by the host's <c>FakeTimeProvider</c>: no test waits for real time to pass.</summary>
public sealed class TransferTimeoutTests
{
    [Fact]
    public async Task AgentBNeverJoins_TimesOutAfterAgentJoinTimeout()
    {
        await using var liveKit = await FakeLiveKitServer.StartAsync();
        await using var api = await ControlApiHost.StartAsync(liveKit);
        var call = await CallScenario.StartAsync(api, liveKit);
        var transfer = await call.StartTransferAsync();

        api.Time.Advance(TimeSpan.FromSeconds(61));
        await liveKit.WaitForSignalAsync(call.Room, "TimedOut");

        var stored = await call.GetTransferAsync(transfer.Str("id"));
        Assert.Equal("TimedOut", stored.Str("state"));
        Assert.Equal("Agent B did not join the handoff room within 60 s", stored.Str("reason"));
        Assert.Equal("system", stored.GetProperty("history")[2].Str("actor"));
        Assert.False(liveKit.HasRoom(transfer.Str("handoffRoom")));
        Assert.Contains("alice", liveKit.Participants(call.Room));
    }

    [Fact]
    public async Task AgentBJoinedButBriefingNeverEnds_TimesOutAfterBriefingTimeout()
    {
        await using var liveKit = await FakeLiveKitServer.StartAsync();
        await using var api = await ControlApiHost.StartAsync(liveKit, new Dictionary<string, string?> { ["Transfers:BriefingTimeout"] = "00:03:00" });
        var call = await CallScenario.StartAsync(api, liveKit);
        var transfer = await call.StartTransferAsync();
        liveKit.Join(transfer.Str("handoffRoom"), "bob");
        await liveKit.WebhooksDeliveredAsync();
        Assert.NotEqual(System.Text.Json.JsonValueKind.Null, (await call.GetTransferAsync(transfer.Str("id"))).GetProperty("agentJoinedAt").ValueKind);

        api.Time.Advance(TimeSpan.FromSeconds(61));
        api.Time.Advance(TimeSpan.FromMinutes(2));
        await liveKit.WaitForSignalAsync(call.Room, "TimedOut");

        var stored = await call.GetTransferAsync(transfer.Str("id"));
        Assert.Equal("the briefing did not finish within 3 min", stored.Str("reason"));
    }

    [Fact]
    public async Task AgentJoinTimer_WebhookMissed_PollFindsAgentBAndKeepsBriefing()
    {
        await using var liveKit = await FakeLiveKitServer.StartAsync();
        liveKit.WebhookTarget = new Uri("http://127.0.0.1:9/unreachable");
        await using var api = await ControlApiHost.StartAsync(liveKit, new Dictionary<string, string?> { ["Transfers:BriefingTimeout"] = "00:02:00" });
        var call = await CallScenario.StartAsync(api, liveKit);
        var transfer = await call.StartTransferAsync();
        liveKit.Join(transfer.Str("handoffRoom"), "bob");

        api.Time.Advance(TimeSpan.FromSeconds(61));
        await liveKit.WaitUntilAsync(f => f.Calls.Contains("ListParticipants"));
        api.Time.Advance(TimeSpan.FromSeconds(60));
        await liveKit.WaitForSignalAsync(call.Room, "TimedOut");

        var stored = await call.GetTransferAsync(transfer.Str("id"));
        Assert.Equal("the briefing did not finish within 2 min", stored.Str("reason"));
        Assert.NotEqual(System.Text.Json.JsonValueKind.Null, stored.GetProperty("agentJoinedAt").ValueKind);
    }

    [Fact]
    public async Task Accepted_NotCompletedByAgents_CompletesAutomatically()
    {
        await using var liveKit = await FakeLiveKitServer.StartAsync();
        await using var api = await ControlApiHost.StartAsync(liveKit, new Dictionary<string, string?> { ["Transfers:CompletionTimeout"] = "00:00:45" });
        var call = await CallScenario.StartAsync(api, liveKit);
        var id = (await call.StartTransferAsync()).Str("id");
        var (accepted, _, _) = await call.Bob.PostAsync($"/api/transfers/{id}/accept");
        Assert.Equal(HttpStatusCode.OK, accepted);

        api.Time.Advance(TimeSpan.FromSeconds(46));
        await liveKit.WaitForSignalAsync(call.Room, "Completed");

        var stored = await call.GetTransferAsync(id);
        Assert.Equal("Completed", stored.Str("state"));
        Assert.Equal("system", stored.GetProperty("history")[3].Str("actor"));
        Assert.DoesNotContain("alice", liveKit.Participants(call.Room));
    }
}
