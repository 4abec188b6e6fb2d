using System.Net;
using LiveKit.DevServer.Tests.Support;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace LiveKit.DevServer.Tests.Signaling.Browser;

/// <summary>
/// Headless Debian Chromium driven by Playwright (never a downloaded browser), and a page server on
/// another loopback port than the dev server, so the client's cross-origin fallback is exercised for real.
/// </summary>
internal sealed class BrowserHarness : IAsyncDisposable
{
    // Flags from shared/docs/media-plane.md: loopback candidates, fake devices, no background traffic.
    private static readonly string[] ChromiumArgs =
    [
        "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
        "--disable-component-update", "--disable-sync", "--use-fake-device-for-media-stream", "--use-fake-ui-for-media-stream",
        "--allow-loopback-in-peer-connection", "--disable-features=WebRtcHideLocalIpsWithMdns", "--autoplay-policy=no-user-gesture-required",
    ];

    private readonly WebApplication _pages;
    private readonly IPlaywright _playwright;
    private readonly IBrowser _browser;

    private BrowserHarness(WebApplication pages, IPlaywright playwright, IBrowser browser, string pageUrl)
    {
        _pages = pages;
        _playwright = playwright;
        _browser = browser;
        PageUrl = pageUrl;
    }

    public string PageUrl { get; }

    public static async Task<BrowserHarness> StartAsync()
    {
        var bundle = Path.Combine(RepoPaths.NodeModules, "livekit-client", "dist", "livekit-client.umd.js");
        if (!File.Exists(bundle))
        {
            throw new InvalidOperationException($"{bundle} is missing; run ./scripts/setup.sh --tests first");
        }

        var builder = WebApplication.CreateEmptyBuilder(new WebApplicationOptions());
        builder.WebHost.UseKestrelCore().ConfigureKestrel(k => k.Listen(IPAddress.Loopback, 0));
        builder.Services.AddRoutingCore();
        var pages = builder.Build();
        var html = await File.ReadAllTextAsync(RepoPaths.TestSource("Signaling", "Browser", "client-page.html"));
        pages.MapGet("/", () => Results.Content(html, "text/html"));
        pages.MapGet("/livekit-client.umd.js", () => Results.File(bundle, "text/javascript"));
        await pages.StartAsync();
        var address = pages.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();

        var playwright = await Playwright.CreateAsync();
        var browser = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = "/usr/bin/chromium",
            Headless = true,
            Args = ChromiumArgs,
        });
        return new BrowserHarness(pages, playwright, browser, address + "/");
    }

    /// <summary>A fresh browser context (its own profile) with the client page loaded and its signalling recorded.</summary>
    public async Task<BrowserClient> OpenAsync()
    {
        var context = await _browser.NewContextAsync();
        var page = await context.NewPageAsync();
        var client = new BrowserClient(context, page);
        await page.GotoAsync(PageUrl);
        return client;
    }

    public async ValueTask DisposeAsync()
    {
        await _browser.DisposeAsync();
        _playwright.Dispose();
        await _pages.StopAsync();
        await _pages.DisposeAsync();
    }
}
