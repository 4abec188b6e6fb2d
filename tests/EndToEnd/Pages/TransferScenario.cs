using System.Net.Http.Json;
using System.Text.Json;
using WarmTransfer.EndToEnd.Infrastructure;

namespace WarmTransfer.EndToEnd.Pages;

/// <summary>
/// The starting point of every transfer test: caller Pat on a call with Alice (Agent A), Bob (Agent B) signed in
/// and online. Three browsers, one per role.
/// </summary>
public sealed class TransferScenario : IAsyncDisposable
{
    private TransferScenario(CallerPage caller, AgentConsolePage agentA, AgentConsolePage agentB, string callRoom)
    {
        Caller = caller;
        AgentA = agentA;
        AgentB = agentB;
        CallRoom = callRoom;
    }

    public CallerPage Caller { get; }

    public AgentConsolePage AgentA { get; }

    public AgentConsolePage AgentB { get; }

    public string CallRoom { get; }

    /// <param name="callerOptions">The caller's page options, e.g. a fake microphone playing speech.</param>
    /// <param name="agentAOptions">Alice's page options (default: Chromium's fake beep as her microphone).</param>
    /// <param name="agentBOptions">Bob's page options.</param>
    public static async Task<TransferScenario> StartAsync(
        BrowserFixture browsers, LocalSystem system, PageOptions? callerOptions = null, PageOptions? agentAOptions = null, PageOptions? agentBOptions = null)
    {
        var agentA = await AgentConsolePage.OpenAsync(browsers, system, "agentA", agentAOptions);
        var agentB = await AgentConsolePage.OpenAsync(browsers, system, "agentB", agentBOptions);
        var caller = await CallerPage.OpenAsync(browsers, system, options: callerOptions);
        await agentA.SignInAsync("alice");
        await agentB.SignInAsync("bob");
        await caller.StartCallAsync("Pat");
        await agentA.AnswerAsync("Pat");
        var room = await caller.RoomAsync() ?? throw new InvalidOperationException("the caller page did not record its room");
        return new TransferScenario(caller, agentA, agentB, room);
    }

    /// <summary>Agent A starts a transfer to Bob from the transfer panel, with notes.</summary>
    public async Task StartTransferToBobAsync(string notes)
    {
        var page = AgentA.Page;
        await page.GetByLabel("Transfer to…").SelectOptionAsync("bob");
        await page.GetByLabel("Notes for the next agent").FillAsync(notes);
        await AgentA.Button("Start transfer").ClickAsync();
    }

    /// <summary>The caller's identity (the control API's record of the call room).</summary>
    public async Task<string> CallerIdentityAsync(LocalSystem system)
    {
        using var worker = system.Worker();
        var room = await worker.GetFromJsonAsync<JsonElement>($"/api/worker/rooms/{CallRoom}");
        return room.GetProperty("caller").GetString() ?? throw new InvalidOperationException($"the control API knows no caller of {CallRoom}");
    }

    /// <summary>A screenshot of each of the three pages at <paramref name="step"/>.</summary>
    public async Task ScreenshotAllAsync(Screenshots shots, string step)
    {
        foreach (var session in Sessions)
        {
            await shots.TakeAsync(session, step);
        }
    }

    public IEnumerable<PageSession> Sessions => [Caller.Session, AgentA.Session, AgentB.Session];

    public async ValueTask DisposeAsync()
    {
        foreach (var session in Sessions)
        {
            await session.DisposeAsync();
        }
    }
}
