using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Playwright;
using WarmTransfer.EndToEnd.Infrastructure;
using static Microsoft.Playwright.Assertions;

namespace WarmTransfer.EndToEnd.Pages;

/// <summary>
/// The transfer panel drives the real control API and the real rooms: status texts follow `wt.transfer` packets
/// (caller) and the agents' event streams (consoles); every state shows with its time. The bot is not running here:
/// where its output matters, the test posts it through the worker API as the worker would.
/// </summary>
[Collection(BrowserGroup.Name)]
public sealed class TransferPanelTests(BrowserFixture browsers)
{
    private const string HoldText = "On hold: you are being transferred. Please stay on the line.";

    static TransferPanelTests() => SetDefaultExpectTimeout(TestTimeouts.PageMs);

    [Fact]
    public async Task Transfer_AcceptedAndCompleted_EveryPageFollowsEveryState()
    {
        var shots = new Screenshots();
        await using var system = await LocalSystem.StartAsync();
        await using var s = await TransferScenario.StartAsync(browsers, system);
        await shots.TakeAsync(s.AgentA.Session, "on-call");

        await s.StartTransferToBobAsync("Wants a refund for order 1234.");

        await Expect(s.AgentA.TransferStatus).ToHaveTextAsync("Briefing Bob in the handoff room. The caller is on hold.");
        await Expect(s.AgentA.CallStatus).ToContainTextAsync("The caller is on hold and cannot hear you");
        await Expect(s.AgentA.Button("Mute").First).ToBeDisabledAsync();
        await Expect(s.Caller.Status).ToHaveTextAsync(HoldText);
        await Expect(s.AgentB.IncomingTransfers).ToContainTextAsync("Alice wants to transfer a call to you.");
        await ExpectProgressAsync(s.AgentA, "Requested", "Briefing");
        await shots.TakeAsync(s.AgentA.Session, "briefing");
        await shots.TakeAsync(s.Caller.Session, "on-hold");
        await shots.TakeAsync(s.AgentB.Session, "incoming-transfer");

        await s.AgentB.Page.GetByRole(AriaRole.Button, new() { Name = "Join the briefing for the transfer from Alice" }).ClickAsync();

        await Expect(s.AgentB.TransferStatus).ToHaveTextAsync("You are being briefed on Alice's call. Accept to take it.");
        await Expect(s.AgentB.Session.ById("handoff-status")).ToHaveTextAsync("In the handoff room with Alice.");
        await Expect(s.AgentA.Session.ById("handoff-status")).ToHaveTextAsync("In the handoff room with Bob.");
        await Expect(s.AgentB.IncomingTransfers).ToBeEmptyAsync();
        var transferId = await CurrentTransferIdAsync(system, "bob");
        using (var worker = system.Worker())
        {
            using var posted = await worker.PostAsJsonAsync(
                $"/api/worker/transfers/{transferId}/summary",
                new { text = "Pat wants a refund for order 1234; the parcel arrived damaged." });
            posted.EnsureSuccessStatusCode();
        }

        await Expect(s.AgentB.Summary).ToHaveTextAsync("Pat wants a refund for order 1234; the parcel arrived damaged.");
        await Expect(s.AgentA.Summary).ToHaveTextAsync("Pat wants a refund for order 1234; the parcel arrived damaged.");
        await s.AgentB.Button("Repeat summary").ClickAsync();
        await Expect(s.AgentB.Session.ById("transfer-error")).ToBeHiddenAsync();
        await shots.TakeAsync(s.AgentB.Session, "briefed");
        await shots.TakeAsync(s.AgentA.Session, "in-handoff");

        await s.AgentB.Button("Accept transfer").ClickAsync();

        await Expect(s.AgentB.CallStatus).ToHaveTextAsync("On a call with Pat. Alice is also on the call.");
        await Expect(s.Caller.Status).ToHaveTextAsync("Connected to Bob. Alice is also on the call.");
        await Expect(s.AgentA.TransferStatus).ToHaveTextAsync("Bob accepted and is joining the call. Complete the transfer to leave.");
        await Expect(s.AgentA.Session.ById("handoff")).ToBeHiddenAsync();
        await Expect(s.AgentA.CallStatus).ToHaveTextAsync("On a call with Pat. Bob is also on the call.");
        await shots.TakeAsync(s.Caller.Session, "three-way");
        await shots.TakeAsync(s.AgentB.Session, "accepted");
        await shots.TakeAsync(s.AgentA.Session, "accepted");

        await s.AgentA.Button("Complete transfer").ClickAsync();

        await Expect(s.AgentA.CallStatus).ToHaveTextAsync("You left the call; it is now with Bob.");
        await Expect(s.Caller.Status).ToHaveTextAsync("Connected to Bob.");
        await Expect(s.AgentB.TransferStatus).ToHaveTextAsync("Transfer completed: the call is yours.");
        await Expect(s.AgentB.CallStatus).ToHaveTextAsync("On a call with Pat.");
        await ExpectProgressAsync(s.AgentA, "Requested", "Briefing", "Accepted", "Completed");
        await ExpectProgressAsync(s.AgentB, "Requested", "Briefing", "Accepted", "Completed");
        await ExpectProgressTimesMatchHistoryAsync(system, s.AgentA, transferId);
        await shots.TakeAsync(s.AgentA.Session, "completed");
        await shots.TakeAsync(s.AgentB.Session, "completed");
        await shots.TakeAsync(s.Caller.Session, "with-bob");
        foreach (var session in s.Sessions)
        {
            Assert.Empty(session.Errors);
        }
    }

    [Fact]
    public async Task Transfer_DeclinedFromTheInbox_CallerIsBackWithAgentA()
    {
        var shots = new Screenshots();
        await using var system = await LocalSystem.StartAsync();
        await using var s = await TransferScenario.StartAsync(browsers, system);
        await s.StartTransferToBobAsync("");
        await Expect(s.Caller.Status).ToHaveTextAsync(HoldText);

        await s.AgentB.Page.GetByRole(AriaRole.Button, new() { Name = "Decline the transfer from Alice" }).ClickAsync();

        await Expect(s.AgentA.TransferStatus).ToHaveTextAsync("Bob declined the transfer. The caller is back with you. Reason: declined by Agent B");
        await Expect(s.Caller.Status).ToHaveTextAsync("Connected to Alice.");
        await Expect(s.AgentA.CallStatus).ToHaveTextAsync("On a call with Pat.");
        await Expect(s.AgentA.Button("Mute").First).ToBeEnabledAsync();
        await Expect(s.AgentA.Session.ById("handoff")).ToBeHiddenAsync();
        await Expect(s.AgentB.IncomingTransfers).ToBeEmptyAsync();
        await ExpectProgressAsync(s.AgentA, "Requested", "Briefing", "Declined");
        await Expect(s.AgentA.Page.GetByLabel("Transfer to…")).ToBeVisibleAsync();
        await shots.TakeAsync(s.AgentA.Session, "declined");
        await shots.TakeAsync(s.Caller.Session, "back-with-alice");
        foreach (var session in s.Sessions)
        {
            Assert.Empty(session.Errors);
        }
    }

    [Fact]
    public async Task Transfer_CancelledWhileBriefing_BothConsolesAndTheCallerSeeIt()
    {
        var shots = new Screenshots();
        await using var system = await LocalSystem.StartAsync();
        await using var s = await TransferScenario.StartAsync(browsers, system);
        await s.StartTransferToBobAsync("Billing question.");
        await s.AgentB.Page.GetByRole(AriaRole.Button, new() { Name = "Join the briefing for the transfer from Alice" }).ClickAsync();
        await Expect(s.AgentB.Session.ById("handoff-status")).ToHaveTextAsync("In the handoff room with Alice.");

        await s.AgentA.Button("Cancel transfer").ClickAsync();

        await Expect(s.AgentA.TransferStatus).ToHaveTextAsync("You cancelled the transfer. The caller is back with you. Reason: cancelled by Agent A");
        await Expect(s.AgentB.TransferStatus).ToHaveTextAsync("Alice cancelled the transfer. Reason: cancelled by Agent A");
        await Expect(s.AgentB.Session.ById("handoff")).ToBeHiddenAsync();
        await Expect(s.Caller.Status).ToHaveTextAsync("Connected to Alice.");
        await ExpectProgressAsync(s.AgentB, "Requested", "Briefing", "Cancelled");
        await shots.TakeAsync(s.AgentA.Session, "cancelled");
        await shots.TakeAsync(s.AgentB.Session, "cancelled");

        await s.AgentB.Button("Dismiss").ClickAsync();

        await Expect(s.AgentB.TransferStatus).ToHaveTextAsync("Join a call to transfer it.");
        foreach (var session in s.Sessions)
        {
            Assert.Empty(session.Errors);
        }
    }

    [Fact]
    public async Task Transcript_WorkerPostsLines_AgentSeesThemLiveWithSpeakerNames()
    {
        var shots = new Screenshots();
        await using var system = await LocalSystem.StartAsync();
        await using var s = await TransferScenario.StartAsync(browsers, system);
        using var worker = system.Worker();
        var room = await worker.GetFromJsonAsync<JsonElement>($"/api/worker/rooms/{s.CallRoom}");
        var caller = room.GetProperty("caller").GetString()!;

        await PostSegmentAsync(worker, s.CallRoom, "seg-1", caller, "I need help with", final: false);
        await Expect(s.AgentA.Transcript).ToContainTextAsync("Pat (caller): I need help with");
        await PostSegmentAsync(worker, s.CallRoom, "seg-1", caller, "I need help with my order.", final: true);
        await PostSegmentAsync(worker, s.CallRoom, "seg-2", "alice", "Of course, which order?", final: true);

        await Expect(s.AgentA.Transcript.Locator("li")).ToHaveCountAsync(2);
        await Expect(s.AgentA.Transcript.Locator("li").Nth(0)).ToHaveTextAsync("Pat (caller): I need help with my order.");
        await Expect(s.AgentA.Transcript.Locator("li").Nth(1)).ToHaveTextAsync("Alice: Of course, which order?");
        await shots.TakeAsync(s.AgentA.Session, "transcript");
        Assert.Empty(s.AgentA.Session.Errors);
    }

    private static async Task PostSegmentAsync(HttpClient worker, string room, string id, string speaker, string text, bool final)
    {
        using var response = await worker.PostAsJsonAsync("/api/worker/transcripts", new { room, segments = new[] { new { id, speaker, text, final } } });
        response.EnsureSuccessStatusCode();
    }

    private static async Task<string> CurrentTransferIdAsync(LocalSystem system, string agent)
    {
        using var client = await system.LoginAsync(agent);
        var transfers = await client.GetFromJsonAsync<JsonElement>("/api/transfers?limit=1");
        return transfers[0].GetProperty("id").GetString()!;
    }

    /// <summary>The progress list shows exactly these states, in order, each with a time.</summary>
    private static async Task ExpectProgressAsync(AgentConsolePage agent, params string[] states)
    {
        var items = agent.Progress.Locator("li");
        await Expect(items).ToHaveCountAsync(states.Length);
        for (var i = 0; i < states.Length; i++)
        {
            await Expect(items.Nth(i).Locator(".state")).ToHaveTextAsync(states[i]);
            await Expect(items.Nth(i).Locator("time")).ToHaveAttributeAsync("datetime", new System.Text.RegularExpressions.Regex(@"^\d{4}-\d\d-\d\dT"));
        }
    }

    /// <summary>Each state's time on the page is the time the control API recorded for it.</summary>
    private static async Task ExpectProgressTimesMatchHistoryAsync(LocalSystem system, AgentConsolePage agent, string transferId)
    {
        using var client = await system.LoginAsync("alice");
        var transfer = await client.GetFromJsonAsync<JsonElement>($"/api/transfers/{transferId}");
        var recorded = transfer.GetProperty("history").EnumerateArray()
            .Select(t => DateTimeOffset.Parse(t.GetProperty("at").GetString()!, System.Globalization.CultureInfo.InvariantCulture))
            .Select(t => t.ToUnixTimeMilliseconds())
            .ToArray();
        var shown = (await agent.Progress.Locator("time").EvaluateAllAsync<string[]>("times => times.map(t => t.dateTime)"))
            .Select(t => DateTimeOffset.Parse(t, System.Globalization.CultureInfo.InvariantCulture).ToUnixTimeMilliseconds())
            .ToArray();
        Assert.Equal(recorded, shown);
    }
}
