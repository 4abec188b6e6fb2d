using System.Net.Http.Json;
using System.Text.Json;
using WarmTransfer.EndToEnd.Infrastructure;
using static Microsoft.Playwright.Assertions;

namespace WarmTransfer.EndToEnd.Pages;

[Collection(BrowserGroup.Name)]
public sealed class AgentSignInTests(BrowserFixture browsers)
{
    static AgentSignInTests() => SetDefaultExpectTimeout(TestTimeouts.PageMs);

    [Fact]
    public async Task SignIn_WrongPassword_ShowsTheServersWordsNotJson()
    {
        var shots = new Screenshots();
        await using var system = await LocalSystem.StartAsync();
        var agent = await AgentConsolePage.OpenAsync(browsers, system, "agentA");
        await using var _ = agent.Session;

        await agent.Page.GetByLabel("Agent login").FillAsync("alice");
        await agent.Page.GetByLabel("Password").FillAsync("not-the-password");
        await agent.Page.GetByLabel("Password").PressAsync("Enter");

        var error = agent.Page.GetByRole(Microsoft.Playwright.AriaRole.Alert);
        await Expect(error).ToHaveTextAsync("The identity or password is wrong.");
        await Expect(agent.Session.ById("console")).ToBeHiddenAsync();
        await shots.TakeAsync(agent.Session, "wrong-password");
        // The 401 itself is logged by Chromium as a failed resource load; nothing else may be.
        Assert.Empty(agent.Session.ErrorsExcept("status of 401"));
    }

    [Fact]
    public async Task SignIn_EmptyPassword_SaysWhatIsMissingWithoutCallingTheApi()
    {
        await using var system = await LocalSystem.StartAsync();
        var agent = await AgentConsolePage.OpenAsync(browsers, system, "agentA");
        await using var _ = agent.Session;

        await agent.Page.GetByLabel("Agent login").FillAsync("alice");
        await agent.Button("Sign in").ClickAsync();

        await Expect(agent.Page.GetByRole(Microsoft.Playwright.AriaRole.Alert)).ToHaveTextAsync("Enter your password.");
        await Expect(agent.Page.GetByLabel("Password")).ToBeFocusedAsync();
        Assert.Empty(agent.Session.Errors);
    }

    [Fact]
    public async Task SignIn_DevelopmentLogin_ConsoleIsOnlineForColleagues()
    {
        var shots = new Screenshots();
        await using var system = await LocalSystem.StartAsync();
        var agent = await AgentConsolePage.OpenAsync(browsers, system, "agentA");
        await using var _ = agent.Session;
        await shots.TakeAsync(agent.Session, "sign-in");

        await agent.SignInAsync("alice");

        await Expect(agent.Session.ById("me-name")).ToHaveTextAsync("Alice");
        await Expect(agent.CallStatus).ToHaveTextAsync("Not on a call.");
        await Expect(agent.Session.ById("waiting-calls-empty")).ToBeVisibleAsync();
        await shots.TakeAsync(agent.Session, "signed-in");
        using var bob = await system.LoginAsync("bob");
        var agents = await bob.GetFromJsonAsync<JsonElement>("/api/agents");
        Assert.True(agents.EnumerateArray().Single(a => a.GetProperty("identity").GetString() == "alice").GetProperty("online").GetBoolean());

        await agent.Button("Go offline").ClickAsync();

        await Expect(agent.Session.ById("presence")).ToHaveTextAsync("Offline");
        await Expect(agent.Button("Go online")).ToBeVisibleAsync();
        await WaitUntilAsync(async () =>
        {
            var now = await bob.GetFromJsonAsync<JsonElement>("/api/agents");
            return !now.EnumerateArray().Single(a => a.GetProperty("identity").GetString() == "alice").GetProperty("online").GetBoolean();
        });
        await shots.TakeAsync(agent.Session, "offline");
        Assert.Empty(agent.Session.Errors);
    }

    [Fact]
    public async Task Reload_SignedIn_StaysSignedInAndSignOutReturnsToTheForm()
    {
        await using var system = await LocalSystem.StartAsync();
        var agent = await AgentConsolePage.OpenAsync(browsers, system, "agentA");
        await using var _ = agent.Session;
        await agent.SignInAsync("carol");

        await agent.Page.ReloadAsync();

        await Expect(agent.Session.ById("presence")).ToHaveTextAsync("Online");
        await Expect(agent.Session.ById("me-name")).ToHaveTextAsync("Carol");
        await agent.Button("Sign out").ClickAsync();
        await Expect(agent.Page.GetByLabel("Agent login")).ToBeFocusedAsync();
        await Expect(agent.Session.ById("console")).ToBeHiddenAsync();
        Assert.Empty(agent.Session.Errors);
    }

    /// <summary>Polls a server-side condition the page cannot show (another agent's view).</summary>
    internal static async Task WaitUntilAsync(Func<Task<bool>> condition)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromMilliseconds(TestTimeouts.PageMs));
        while (!await condition())
        {
            await Task.Delay(200, timeout.Token);
        }
    }
}
