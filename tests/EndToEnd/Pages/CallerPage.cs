using Microsoft.Playwright;
using WarmTransfer.EndToEnd.Infrastructure;
using static Microsoft.Playwright.Assertions;

namespace WarmTransfer.EndToEnd.Pages;

/// <summary>The caller's page (<c>caller.html</c>).</summary>
public sealed class CallerPage(PageSession session)
{
    public PageSession Session { get; } = session;

    public IPage Page => Session.Page;

    public ILocator Status => Session.ById("call-status");

    public ILocator MicLevel => Page.GetByRole(AriaRole.Meter, new() { Name = "Microphone level" });

    public ILocator Button(string name) => Page.GetByRole(AriaRole.Button, new() { Name = name, Exact = true });

    public static async Task<CallerPage> OpenAsync(BrowserFixture browsers, LocalSystem system, string query = "", PageOptions? options = null) =>
        new(await browsers.OpenAsync("caller", system.PageUrl("caller.html" + query), options));

    /// <summary>Starts a call as <paramref name="name"/> and waits until it is connected (waiting for an agent).</summary>
    public async Task StartCallAsync(string name)
    {
        await Page.GetByLabel("Your name").FillAsync(name);
        await Button("Start call").ClickAsync();
        await Expect(Status).ToHaveTextAsync("Connected. Waiting for an agent to answer…");
    }

    /// <summary>The call room's name (the page records it once connected).</summary>
    public Task<string?> RoomAsync() => Page.EvaluateAsync<string?>("() => document.body.dataset.callRoom ?? null");
}
