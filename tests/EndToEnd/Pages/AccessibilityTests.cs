using Microsoft.Playwright;
using WarmTransfer.EndToEnd.Infrastructure;
using static Microsoft.Playwright.Assertions;

namespace WarmTransfer.EndToEnd.Pages;

/// <summary>
/// Keyboard-only use, accessible names (from Chromium's accessibility tree), visible focus, and phone-width layout
/// (360 CSS px, no horizontal scrolling), on each page in each state a person meets.
/// </summary>
[Collection(BrowserGroup.Name)]
public sealed class AccessibilityTests(BrowserFixture browsers)
{
    static AccessibilityTests() => SetDefaultExpectTimeout(TestTimeouts.PageMs);

    [Fact]
    public async Task PagesBeforeACall_KeyboardOnly_EveryControlReachableNamedAndFitsAPhone()
    {
        var shots = new Screenshots();
        await using var system = await LocalSystem.StartAsync();
        var agent = await AgentConsolePage.OpenAsync(browsers, system, "agentA", PageOptions.Phone);
        await using var agentSession = agent.Session;
        var caller = await CallerPage.OpenAsync(browsers, system, options: PageOptions.Phone);
        await using var callerSession = caller.Session;

        await ExpectAccessibleAsync(agent.Session, shots, "sign-in");
        await ExpectAccessibleAsync(caller.Session, shots, "start");

        // Sign in with the keyboard alone: a fresh page puts the cursor in the login field.
        await agent.Page.ReloadAsync();
        await Expect(agent.Page.GetByLabel("Agent login")).ToBeFocusedAsync();
        await agent.Page.Keyboard.TypeAsync("alice");
        await agent.Page.Keyboard.PressAsync("Tab");
        await agent.Page.Keyboard.TypeAsync("dev");
        await agent.Page.Keyboard.PressAsync("Enter");
        await Expect(agent.Session.ById("presence")).ToHaveTextAsync("Online");

        await ExpectAccessibleAsync(agent.Session, shots, "console");
        Assert.Empty(agent.Session.Errors);
        Assert.Empty(caller.Session.Errors);
    }

    [Fact]
    public async Task PagesDuringATransfer_KeyboardOnly_EveryControlReachableNamedAndFitsAPhone()
    {
        var shots = new Screenshots();
        await using var system = await LocalSystem.StartAsync();
        var agentA = await AgentConsolePage.OpenAsync(browsers, system, "agentA", PageOptions.Phone);
        var agentB = await AgentConsolePage.OpenAsync(browsers, system, "agentB", PageOptions.Phone);
        var caller = await CallerPage.OpenAsync(browsers, system, options: PageOptions.Phone);
        await using var a = agentA.Session;
        await using var b = agentB.Session;
        await using var c = caller.Session;
        await agentA.SignInAsync("alice");
        await agentB.SignInAsync("bob");

        // The caller starts the call with the keyboard alone: skip link, then the name field.
        await caller.Page.Keyboard.PressAsync("Tab");
        await caller.Page.Keyboard.PressAsync("Tab");
        await Expect(caller.Page.GetByLabel("Your name")).ToBeFocusedAsync();
        await caller.Page.Keyboard.TypeAsync("Pat");
        await caller.Page.Keyboard.PressAsync("Enter");
        await Expect(caller.Status).ToHaveTextAsync("Connected. Waiting for an agent to answer…");

        // Agent A answers with the keyboard: focus the Answer button by tabbing, press Enter.
        var answer = agentA.Page.GetByRole(AriaRole.Button, new() { Name = "Answer the call from Pat" });
        await TabToAsync(agentA.Page, answer);
        await agentA.Page.Keyboard.PressAsync("Enter");
        await Expect(agentA.CallStatus).ToHaveTextAsync("On a call with Pat.");
        await Expect(caller.Status).ToHaveTextAsync("Connected to Alice.");
        await ExpectAccessibleAsync(agentA.Session, shots, "on-call");
        await ExpectAccessibleAsync(caller.Session, shots, "connected");

        // Agent A starts the transfer with the keyboard: choose Bob, type notes, submit.
        await TabToAsync(agentA.Page, agentA.Page.GetByLabel("Transfer to…"));
        await agentA.Page.Keyboard.PressAsync("ArrowDown");
        await Expect(agentA.Page.GetByLabel("Transfer to…")).ToHaveValueAsync("bob");
        await agentA.Page.Keyboard.PressAsync("Tab");
        await agentA.Page.Keyboard.TypeAsync("Refund for order 1234.");
        await agentA.Page.Keyboard.PressAsync("Tab");
        await Expect(agentA.Button("Start transfer")).ToBeFocusedAsync();
        await agentA.Page.Keyboard.PressAsync("Enter");
        await Expect(caller.Status).ToHaveTextAsync("On hold: you are being transferred. Please stay on the line.");

        var join = agentB.Page.GetByRole(AriaRole.Button, new() { Name = "Join the briefing for the transfer from Alice" });
        await TabToAsync(agentB.Page, join);
        await agentB.Page.Keyboard.PressAsync("Enter");
        await Expect(agentB.Session.ById("handoff-status")).ToHaveTextAsync("In the handoff room with Alice.");
        await Expect(agentB.Button("Accept transfer")).ToBeFocusedAsync();

        await ExpectAccessibleAsync(agentA.Session, shots, "briefing");
        await ExpectAccessibleAsync(agentB.Session, shots, "briefing");
        await ExpectAccessibleAsync(caller.Session, shots, "on-hold");

        // The accessibility walk above moved Bob's focus round the page: tab back to Accept.
        await TabToAsync(agentB.Page, agentB.Button("Accept transfer"));
        await agentB.Page.Keyboard.PressAsync("Enter");
        await Expect(caller.Status).ToHaveTextAsync("Connected to Bob. Alice is also on the call.");
        await ExpectAccessibleAsync(agentA.Session, shots, "accepted");
        await ExpectAccessibleAsync(agentB.Session, shots, "on-call");
        foreach (var session in new[] { a, b, c })
        {
            Assert.Empty(session.Errors);
        }
    }

    /// <summary>Every visible control is reached by Tab and shows focus; every control has a name; no sideways scroll.</summary>
    private static async Task ExpectAccessibleAsync(PageSession session, Screenshots shots, string step)
    {
        await shots.TakeAsync(session, step);
        var controls = await PageChecks.VisibleControlsAsync(session.Page);
        Assert.NotEmpty(controls);
        var (reached, noIndicator) = await PageChecks.TabThroughAsync(session.Page);
        var missed = controls.Except(reached).ToList();
        Assert.True(missed.Count == 0, $"{session.Role} at '{step}': Tab never reached {string.Join(", ", missed)} (reached: {string.Join(", ", reached)})");
        Assert.True(noIndicator.Count == 0, $"{session.Role} at '{step}': no visible focus on {string.Join(", ", noIndicator)}");
        Assert.True(await PageChecks.NamedControlCountAsync(session) > 0);
        var unnamed = await PageChecks.UnnamedControlsAsync(session);
        Assert.True(unnamed.Count == 0, $"{session.Role} at '{step}': controls without an accessible name: {string.Join(", ", unnamed)}");
        Assert.Equal(0, await PageChecks.HorizontalOverflowAsync(session.Page));
    }

    /// <summary>Presses Tab until <paramref name="target"/> has focus (fails if it never does).</summary>
    private static async Task TabToAsync(IPage page, ILocator target)
    {
        for (var i = 0; i < 80; i++)
        {
            if (await target.EvaluateAsync<bool>("el => el === document.activeElement"))
            {
                return;
            }

            await page.Keyboard.PressAsync("Tab");
        }

        Assert.Fail("Tab never reached the control.");
    }
}
