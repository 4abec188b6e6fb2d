using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace LiveKit.Rtc.Tests.WithBrowser;

/// <summary>
/// One livekit-client page (WithBrowser/tone-page.html) in headless Debian Chromium driven by Playwright (never a
/// downloaded browser), served from its own loopback port. The same pattern as the dev server's browser tests.
/// </summary>
public sealed class ChromiumPage : IAsyncDisposable
{
    // Loopback candidates, fake devices, no background traffic, audio without a user gesture.
    private static readonly string[] ChromiumArgs =
    [
        "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
        "--disable-component-update", "--disable-sync", "--use-fake-device-for-media-stream", "--use-fake-ui-for-media-stream",
        "--allow-loopback-in-peer-connection", "--disable-features=WebRtcHideLocalIpsWithMdns", "--autoplay-policy=no-user-gesture-required",
    ];

    private readonly WebApplication _pages;
    private readonly IPlaywright _playwright;
    private readonly IBrowser _browser;

    private ChromiumPage(WebApplication pages, IPlaywright playwright, IBrowser browser, IPage page)
    {
        _pages = pages;
        _playwright = playwright;
        _browser = browser;
        Page = page;
    }

    public IPage Page { get; }

    public static async Task<ChromiumPage> OpenAsync()
    {
        var root = RepoRoot();
        var bundle = Path.Combine(root, "node_modules", "livekit-client", "dist", "livekit-client.umd.js");
        if (!File.Exists(bundle))
        {
            throw new InvalidOperationException($"{bundle} is missing; run ./scripts/setup.sh --tests first");
        }

        var html = await File.ReadAllTextAsync(Path.Combine(root, "tests", "LiveKit.Rtc.Tests", "WithBrowser", "tone-page.html"));
        var builder = WebApplication.CreateEmptyBuilder(new WebApplicationOptions());
        builder.WebHost.UseKestrelCore().ConfigureKestrel(k => k.Listen(IPAddress.Loopback, 0));
        builder.Services.AddRoutingCore();
        var pages = builder.Build();
        pages.MapGet("/", () => Results.Content(html, "text/html"));
        pages.MapGet("/livekit-client.umd.js", () => Results.File(bundle, "text/javascript"));
        await pages.StartAsync();
        var address = pages.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();

        IPlaywright? playwright = null;
        try
        {
            playwright = await Playwright.CreateAsync();
            var browser = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions { ExecutablePath = "/usr/bin/chromium", Headless = true, Args = ChromiumArgs });
            var page = await browser.NewPageAsync();
            page.SetDefaultTimeout(60_000);
            await page.GotoAsync(address + "/");
            return new ChromiumPage(pages, playwright, browser, page);
        }
        catch
        {
            playwright?.Dispose();
            await pages.DisposeAsync();
            throw;
        }
    }

    public Task<string> StartAsync(string url, string token) =>
        Page.EvaluateAsync<string>("([url, token]) => window.start(url, token)", new object[] { url, token });

    public Task<string[]> LogAsync() => Page.EvaluateAsync<string[]>("() => window.log");

    public async ValueTask DisposeAsync()
    {
        await _browser.DisposeAsync();
        _playwright.Dispose();
        await _pages.StopAsync();
        await _pages.DisposeAsync();
    }

    private static string RepoRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "WarmTransfer.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException($"WarmTransfer.sln not found above {AppContext.BaseDirectory}");
    }
}
