using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Playwright;
using WarmTransfer.EndToEnd.Infrastructure;
using WarmTransfer.EndToEnd.Pages;
using static Microsoft.Playwright.Assertions;

namespace WarmTransfer.EndToEnd.Flows;

/// <summary>
/// The whole transfer as three people live it, in three browsers against the local system: the caller (a fake
/// microphone playing flite speech), Agent A (Alice) and Agent B (Bob), both with Chromium's fake microphone. Who
/// hears whom is measured on the received audio in each page (<see cref="ReceivedAudio"/>); every outcome ends with
/// the recorded history. The bot is not running here, so the briefing has no summary audio and no hold audio.
/// </summary>
[Collection(BrowserGroup.Name)]
public sealed class TransferFlowTests(BrowserFixture browsers)
{
    /// <summary>What the caller says, over and over (the fake microphone loops the file).</summary>
    public const string CallerSpeech = "Hello, this is Pat Lee. I was charged twice for order four five six seven, and I would like a refund please.";

    private const string HoldText = "On hold: you are being transferred. Please stay on the line.";

    static TransferFlowTests() => SetDefaultExpectTimeout(TestTimeouts.PageMs);

    [Fact]
    public async Task Transfer_AcceptedAndCompleted_CallerTalksToAliceThenBobAndAliceIsGone()
    {
        var shots = new Screenshots();
        await using var system = await LocalSystem.StartAsync();
        await using var s = await StartAsync(system);
        var caller = await s.CallerIdentityAsync(system);

        // Caller and Agent A talk: audio both ways.
        await Expect(s.Caller.Status).ToHaveTextAsync("Connected to Alice.");
        await ReceivedAudio.ExpectHeardAsync(s.AgentA.Session, ReceivedAudio.From(caller), "the caller");
        await ReceivedAudio.ExpectHeardAsync(s.Caller.Session, ReceivedAudio.From("alice"), "Alice");
        await s.ScreenshotAllAsync(shots, "caller-with-alice");

        await s.StartTransferToBobAsync("Charged twice for order 4567; wants a refund.");

        await Expect(s.Caller.Status).ToHaveTextAsync(HoldText);
        await Expect(s.AgentB.IncomingTransfers).ToContainTextAsync("Alice wants to transfer a call to you.");
        await Expect(s.AgentA.TransferStatus).ToContainTextAsync("The caller is on hold.");
        await s.ScreenshotAllAsync(shots, "transfer-requested");

        await s.AgentB.Page.GetByRole(AriaRole.Button, new() { Name = "Join the briefing for the transfer from Alice" }).ClickAsync();

        await Expect(s.AgentB.Session.ById("handoff-status")).ToHaveTextAsync("In the handoff room with Alice.");
        await Expect(s.AgentA.Session.ById("handoff-status")).ToHaveTextAsync("In the handoff room with Bob.");
        // The agents talk in the handoff room; the caller, on hold, must not hear Alice meanwhile.
        await ReceivedAudio.ExpectHeardAsync(s.AgentB.Session, ReceivedAudio.From("alice"), "Alice in the handoff room");
        await ReceivedAudio.ExpectHeardAsync(s.AgentA.Session, ReceivedAudio.From("bob"), "Bob in the handoff room");
        var leak = await ReceivedAudio.ListenAsync(s.Caller.Session, ReceivedAudio.From("alice"), TimeSpan.FromSeconds(4));
        Assert.True(leak.LevelDbfs < ReceivedAudio.HeardDbfs, $"the caller on hold hears Alice ({leak.LevelDbfs:F1} dBFS)");
        await s.ScreenshotAllAsync(shots, "briefing");

        await s.AgentB.Button("Accept transfer").ClickAsync();

        await Expect(s.Caller.Status).ToHaveTextAsync("Connected to Bob. Alice is also on the call.");
        await Expect(s.AgentB.CallStatus).ToHaveTextAsync("On a call with Pat. Alice is also on the call.");
        await Expect(s.AgentA.TransferStatus).ToHaveTextAsync("Bob accepted and is joining the call. Complete the transfer to leave.");
        await s.ScreenshotAllAsync(shots, "accepted");

        await s.AgentA.Button("Complete transfer").ClickAsync();

        await Expect(s.AgentA.CallStatus).ToHaveTextAsync("You left the call; it is now with Bob.");
        await Expect(s.Caller.Status).ToHaveTextAsync("Connected to Bob.");
        await Expect(s.AgentB.TransferStatus).ToHaveTextAsync("Transfer completed: the call is yours.");
        await Expect(s.AgentB.CallStatus).ToHaveTextAsync("On a call with Pat.");

        // Caller and Agent B hear each other; Alice is gone from the call, for the server and for the caller's page.
        await ReceivedAudio.ExpectHeardAsync(s.AgentB.Session, ReceivedAudio.From(caller), "the caller");
        await ReceivedAudio.ExpectHeardAsync(s.Caller.Session, ReceivedAudio.From("bob"), "Bob");
        await Expect(s.Caller.Page.Locator(ReceivedAudio.From("alice"))).ToHaveCountAsync(0);
        Assert.Equal([caller, "bob"], await PeopleInRoomAsync(system, "bob", s.CallRoom));
        await s.ScreenshotAllAsync(shots, "completed");

        var transferId = await TransferHistory.LatestIdAsync(system, "bob");
        var history = await TransferHistory.ReadFinalAsync(system, "bob", transferId, "Completed");
        Assert.Equal(["Requested", "Briefing", "Accepted", "Completed"], history.Select(t => t.State));
        Assert.Equal(["alice", "system", "bob", "alice"], history.Select(t => t.Actor));
        await ExpectProgressAsync(s.AgentA, "Requested", "Briefing", "Accepted", "Completed");
        await ExpectProgressAsync(s.AgentB, "Requested", "Briefing", "Accepted", "Completed");
        ExpectNoPageErrors(s);
    }

    [Fact]
    public async Task Transfer_DeclinedByBob_CallerAndAliceHearEachOtherAgain()
    {
        var shots = new Screenshots();
        await using var system = await LocalSystem.StartAsync();
        await using var s = await StartAsync(system);
        var caller = await s.CallerIdentityAsync(system);
        await s.StartTransferToBobAsync("");
        await Expect(s.Caller.Status).ToHaveTextAsync(HoldText);
        await s.AgentB.Page.GetByRole(AriaRole.Button, new() { Name = "Join the briefing for the transfer from Alice" }).ClickAsync();
        await Expect(s.AgentB.Session.ById("handoff-status")).ToHaveTextAsync("In the handoff room with Alice.");

        await s.AgentB.Button("Decline").ClickAsync();

        await Expect(s.AgentB.TransferStatus).ToContainTextAsync("You declined the transfer.");
        await Expect(s.AgentB.Session.ById("handoff")).ToBeHiddenAsync();
        await Expect(s.AgentA.TransferStatus).ToContainTextAsync("Bob declined the transfer. The caller is back with you.");
        await Expect(s.Caller.Status).ToHaveTextAsync("Connected to Alice.");
        await ExpectBackWithAliceAsync(s, caller);
        await s.ScreenshotAllAsync(shots, "declined");
        var history = await TransferHistory.ReadFinalAsync(system, "alice", await TransferHistory.LatestIdAsync(system, "alice"), "Declined");
        Assert.Equal(["Requested", "Briefing", "Declined"], history.Select(t => t.State));
        Assert.Equal("bob", history[^1].Actor);
        await ExpectProgressAsync(s.AgentA, "Requested", "Briefing", "Declined");
        ExpectNoPageErrors(s);
    }

    [Fact]
    public async Task Transfer_CancelledByAlice_CallerIsBackWithAliceAndBobIsTold()
    {
        var shots = new Screenshots();
        await using var system = await LocalSystem.StartAsync();
        await using var s = await StartAsync(system);
        var caller = await s.CallerIdentityAsync(system);
        await s.StartTransferToBobAsync("Billing question.");
        await s.AgentB.Page.GetByRole(AriaRole.Button, new() { Name = "Join the briefing for the transfer from Alice" }).ClickAsync();
        await Expect(s.AgentA.Session.ById("handoff-status")).ToHaveTextAsync("In the handoff room with Bob.");

        await s.AgentA.Button("Cancel transfer").ClickAsync();

        await Expect(s.AgentA.TransferStatus).ToContainTextAsync("You cancelled the transfer. The caller is back with you.");
        await Expect(s.AgentB.TransferStatus).ToContainTextAsync("Alice cancelled the transfer.");
        await Expect(s.AgentB.Session.ById("handoff")).ToBeHiddenAsync();
        await Expect(s.Caller.Status).ToHaveTextAsync("Connected to Alice.");
        await ExpectBackWithAliceAsync(s, caller);
        await s.ScreenshotAllAsync(shots, "cancelled");
        var history = await TransferHistory.ReadFinalAsync(system, "alice", await TransferHistory.LatestIdAsync(system, "alice"), "Cancelled");
        Assert.Equal(["Requested", "Briefing", "Cancelled"], history.Select(t => t.State));
        Assert.Equal("alice", history[^1].Actor);
        await ExpectProgressAsync(s.AgentB, "Requested", "Briefing", "Cancelled");
        ExpectNoPageErrors(s);
    }

    [Fact]
    public async Task Transfer_BobNeverJoins_TimesOutAndCallerIsBackWithAlice()
    {
        var shots = new Screenshots();
        var options = new LocalSystemOptions();
        options.Settings["Transfers:AgentJoinTimeout"] = "00:00:05";
        await using var system = await LocalSystem.StartAsync(options);
        await using var s = await StartAsync(system);
        var caller = await s.CallerIdentityAsync(system);

        await s.StartTransferToBobAsync("Bob is busy and will not pick this up.");

        await Expect(s.AgentB.IncomingTransfers).ToContainTextAsync("Alice wants to transfer a call to you.");
        await s.ScreenshotAllAsync(shots, "waiting-for-bob");
        await Expect(s.AgentA.TransferStatus).ToContainTextAsync("The transfer timed out. Reason: Agent B did not join the handoff room");
        await Expect(s.AgentB.IncomingTransfers).ToBeEmptyAsync();
        await Expect(s.AgentA.Session.ById("handoff")).ToBeHiddenAsync();
        await Expect(s.Caller.Status).ToHaveTextAsync("Connected to Alice.");
        await ExpectBackWithAliceAsync(s, caller);
        await s.ScreenshotAllAsync(shots, "timed-out");
        var history = await TransferHistory.ReadFinalAsync(system, "alice", await TransferHistory.LatestIdAsync(system, "alice"), "TimedOut");
        Assert.Equal(["Requested", "Briefing", "TimedOut"], history.Select(t => t.State));
        Assert.Equal("system", history[^1].Actor);
        await ExpectProgressAsync(s.AgentA, "Requested", "Briefing", "TimedOut");
        ExpectNoPageErrors(s);
    }

    [Fact]
    public async Task Transfer_CallerHangsUpWhileOnHold_AbandonedOnBothConsoles()
    {
        var shots = new Screenshots();
        await using var system = await LocalSystem.StartAsync();
        await using var s = await StartAsync(system);
        await s.StartTransferToBobAsync("Refund.");
        await s.AgentB.Page.GetByRole(AriaRole.Button, new() { Name = "Join the briefing for the transfer from Alice" }).ClickAsync();
        await Expect(s.AgentB.Session.ById("handoff-status")).ToHaveTextAsync("In the handoff room with Alice.");
        await Expect(s.Caller.Status).ToHaveTextAsync(HoldText);

        await s.Caller.Button("End call").ClickAsync();

        await Expect(s.Caller.Status).ToHaveTextAsync("Call ended. You hung up.");
        await Expect(s.AgentA.TransferStatus).ToContainTextAsync("The caller hung up during the transfer.");
        await Expect(s.AgentB.TransferStatus).ToContainTextAsync("The caller hung up during the transfer.");
        await Expect(s.AgentB.Session.ById("handoff")).ToBeHiddenAsync();
        await Expect(s.AgentA.Session.ById("handoff")).ToBeHiddenAsync();
        await Expect(s.AgentA.CallStatus).ToHaveTextAsync("The caller hung up.");
        await s.ScreenshotAllAsync(shots, "abandoned");
        var history = await TransferHistory.ReadFinalAsync(system, "alice", await TransferHistory.LatestIdAsync(system, "alice"), "Abandoned");
        Assert.Equal(["Requested", "Briefing", "Abandoned"], history.Select(t => t.State));
        Assert.Equal("system", history[^1].Actor);
        await ExpectProgressAsync(s.AgentA, "Requested", "Briefing", "Abandoned");
        await ExpectProgressAsync(s.AgentB, "Requested", "Briefing", "Abandoned");
        ExpectNoPageErrors(s);
    }

    /// <summary>Pat (speaking through flite) on a call with Alice; Bob online.</summary>
    private async Task<TransferScenario> StartAsync(LocalSystem system)
    {
        var voice = await SpeechWav.SharedAsync(CallerSpeech);
        return await TransferScenario.StartAsync(browsers, system, new PageOptions { FakeMicrophoneWav = voice });
    }

    /// <summary>After a transfer that did not happen: Alice's microphone is back on the call, both hear each other.</summary>
    private static async Task ExpectBackWithAliceAsync(TransferScenario s, string caller)
    {
        await Expect(s.AgentA.CallStatus).ToHaveTextAsync("On a call with Pat.");
        await Expect(s.AgentA.Button("Mute").First).ToBeEnabledAsync();
        await ReceivedAudio.ExpectHeardAsync(s.Caller.Session, ReceivedAudio.From("alice"), "Alice");
        await ReceivedAudio.ExpectHeardAsync(s.AgentA.Session, ReceivedAudio.From(caller), "the caller");
    }

    /// <summary>The people (not the bot) LiveKit has in <paramref name="room"/>, caller first.</summary>
    private static async Task<string[]> PeopleInRoomAsync(LocalSystem system, string agent, string room)
    {
        using var client = await system.LoginAsync(agent);
        var participants = await client.GetFromJsonAsync<JsonElement>($"/api/rooms/{room}/participants");
        return
        [
            .. participants.EnumerateArray()
                .Where(p => p.GetProperty("role").GetString() != "bot")
                .OrderBy(p => p.GetProperty("role").GetString() == "caller" ? 0 : 1)
                .Select(p => p.GetProperty("identity").GetString()!),
        ];
    }

    /// <summary>The console's progress list shows exactly these states, in order, each with its time.</summary>
    private static async Task ExpectProgressAsync(AgentConsolePage agent, params string[] states)
    {
        var items = agent.Progress.Locator("li");
        await Expect(items).ToHaveCountAsync(states.Length);
        for (var i = 0; i < states.Length; i++)
        {
            await Expect(items.Nth(i)).ToHaveAttributeAsync("data-state", states[i]);
            await Expect(items.Nth(i).Locator("time")).ToHaveAttributeAsync("datetime", new System.Text.RegularExpressions.Regex(@"^\d{4}-\d\d-\d\dT"));
        }
    }

    private static void ExpectNoPageErrors(TransferScenario s)
    {
        foreach (var session in s.Sessions)
        {
            Assert.True(session.Errors.Count == 0, $"{session.Role}: {string.Join(Environment.NewLine, session.Errors)}");
        }
    }
}
