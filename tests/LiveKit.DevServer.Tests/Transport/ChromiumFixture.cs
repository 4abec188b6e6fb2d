using Microsoft.Playwright;

namespace LiveKit.DevServer.Tests.Transport;

/// <summary>
/// One headless Debian Chromium (never a downloaded browser) per test class, with fake media devices and loopback
/// ICE allowed (flags from media-plane.md). Pages get a secure origin (http://localhost/) served by request routing,
/// so getUserMedia and RTCPeerConnection work without a web server. Disposal closes the browser, which ends its
/// processes.
/// </summary>
public sealed class ChromiumFixture : IAsyncLifetime
{
    public const string ExecutablePath = "/usr/bin/chromium";

    private IPlaywright? _playwright;
    private IBrowser? _browser;

    public IBrowser Browser => _browser ?? throw new InvalidOperationException("Chromium is not running.");

    public async Task InitializeAsync()
    {
        _playwright = await Playwright.CreateAsync();
        _browser = await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = ExecutablePath,
            Headless = true,
            Args =
            [
                "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
                "--disable-component-update", "--disable-sync", "--use-fake-device-for-media-stream",
                "--use-fake-ui-for-media-stream", "--allow-loopback-in-peer-connection",
                "--disable-features=WebRtcHideLocalIpsWithMdns", "--autoplay-policy=no-user-gesture-required",
            ],
        });
    }

    /// <summary>A fresh context and page at http://localhost/ (a secure context), closed with the context.</summary>
    public async Task<IPage> NewPageAsync()
    {
        var context = await Browser.NewContextAsync(new BrowserNewContextOptions { Permissions = ["microphone", "camera"] });
        var page = await context.NewPageAsync();
        await page.RouteAsync("http://localhost/**", route => route.FulfillAsync(new RouteFulfillOptions
        {
            ContentType = "text/html",
            Body = "<!doctype html><html><head><title>media test</title></head><body></body></html>",
        }));
        await page.GotoAsync("http://localhost/");
        return page;
    }

    public async Task DisposeAsync()
    {
        if (_browser is not null)
        {
            await _browser.CloseAsync();
            await _browser.DisposeAsync();
        }

        _playwright?.Dispose();
    }
}
