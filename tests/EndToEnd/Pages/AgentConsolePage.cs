using Microsoft.Playwright;
using WarmTransfer.EndToEnd.Infrastructure;
using static Microsoft.Playwright.Assertions;

namespace WarmTransfer.EndToEnd.Pages;

/// <summary>The agent console (<c>agent.html</c>) as a person uses it: by labels, roles and visible text.</summary>
public sealed class AgentConsolePage(PageSession session)
{
    public PageSession Session { get; } = session;

    public IPage Page => Session.Page;

    public ILocator CallStatus => Session.ById("call-status");

    public ILocator TransferStatus => Session.ById("transfer-status");

    public ILocator Progress => Session.ById("transfer-progress");

    public ILocator WaitingCalls => Session.ById("waiting-calls");

    public ILocator IncomingTransfers => Session.ById("incoming-transfers");

    public ILocator Summary => Session.ById("summary");

    public ILocator Transcript => Session.ById("transcript");

    public ILocator Button(string name) => Page.GetByRole(AriaRole.Button, new() { Name = name, Exact = true });

    public static async Task<AgentConsolePage> OpenAsync(BrowserFixture browsers, LocalSystem system, string role, PageOptions? options = null) =>
        new(await browsers.OpenAsync(role, system.PageUrl("agent.html"), options));

    /// <summary>Signs in with the development login and waits until the console's event stream is live.</summary>
    public async Task SignInAsync(string identity, string password = "dev")
    {
        await Page.GetByLabel("Agent login").FillAsync(identity);
        await Page.GetByLabel("Password").FillAsync(password);
        await Button("Sign in").ClickAsync();
        await Expect(Session.ById("presence")).ToHaveTextAsync("Online");
    }

    /// <summary>Answers the waiting call of <paramref name="callerName"/> and waits until the call is up.</summary>
    public async Task AnswerAsync(string callerName)
    {
        await Page.GetByRole(AriaRole.Button, new() { Name = $"Answer the call from {callerName}" }).ClickAsync();
        await Expect(CallStatus).ToHaveTextAsync($"On a call with {callerName}.");
    }
}
