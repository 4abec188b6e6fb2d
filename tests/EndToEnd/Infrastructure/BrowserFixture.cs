using System.Collections.Concurrent;
using Microsoft.Playwright;

namespace WarmTransfer.EndToEnd.Infrastructure;

/// <summary>
/// Debian's Chromium (never a downloaded browser), headless, driven by Playwright, with the flags that make WebRTC
/// work on loopback (shared/docs/media-plane.md) and fake media devices. One browser process per page role
/// (caller, Agent A, Agent B …), each optionally with its own fake microphone playing a WAV file, so three people in
/// a call really are three browsers. Shared by the tests of a collection; each page gets a fresh context (profile).
/// </summary>
public sealed class BrowserFixture : IAsyncLifetime
{
    public const string ChromiumPath = "/usr/bin/chromium";

    private static readonly string[] BaseArgs =
    [
        "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
        "--disable-component-update", "--disable-sync", "--use-fake-device-for-media-stream", "--use-fake-ui-for-media-stream",
        "--allow-loopback-in-peer-connection", "--disable-features=WebRtcHideLocalIpsWithMdns", "--autoplay-policy=no-user-gesture-required",
    ];

    private readonly ConcurrentDictionary<string, Lazy<Task<IBrowser>>> _browsers = new(StringComparer.Ordinal);
    private IPlaywright? _playwright;

    public async Task InitializeAsync()
    {
        if (!File.Exists(ChromiumPath))
        {
            throw new InvalidOperationException($"{ChromiumPath} is missing; install Debian's chromium (scripts/setup.sh --tests).");
        }

        _playwright = await Playwright.CreateAsync();
    }

    /// <summary>
    /// The browser of <paramref name="role"/>; with <paramref name="fakeMicrophoneWav"/> its microphone plays that
    /// file (<c>--use-file-for-fake-audio-capture</c>, looped), otherwise Chromium's fake beep.
    /// </summary>
    public Task<IBrowser> BrowserAsync(string role, string? fakeMicrophoneWav = null)
    {
        var key = role + "|" + fakeMicrophoneWav;
        return _browsers.GetOrAdd(key, _ => new Lazy<Task<IBrowser>>(() => LaunchAsync(fakeMicrophoneWav))).Value;
    }

    /// <summary>Opens <paramref name="url"/> in a fresh context of <paramref name="role"/>'s browser.</summary>
    public async Task<PageSession> OpenAsync(string role, string url, PageOptions? options = null)
    {
        options ??= new PageOptions();
        var browser = await BrowserAsync(role, options.FakeMicrophoneWav);
        var context = await browser.NewContextAsync(new BrowserNewContextOptions
        {
            ViewportSize = new ViewportSize { Width = options.Width, Height = options.Height },
            Permissions = ["microphone"],
            ReducedMotion = ReducedMotion.Reduce,
        });
        context.SetDefaultTimeout(TestTimeouts.PageMs);
        if (options.InitScript is { } initScript)
        {
            await context.AddInitScriptAsync(initScript);
        }

        var page = await context.NewPageAsync();
        var session = new PageSession(role, context, page);
        await page.GotoAsync(url, new PageGotoOptions { WaitUntil = WaitUntilState.Load });
        return session;
    }

    public async Task DisposeAsync()
    {
        foreach (var browser in _browsers.Values.Where(b => b.IsValueCreated))
        {
            try
            {
                await (await browser.Value).DisposeAsync();
            }
            catch (PlaywrightException)
            {
                // Already gone.
            }
        }

        _playwright?.Dispose();
    }

    private Task<IBrowser> LaunchAsync(string? fakeMicrophoneWav)
    {
        var args = new List<string>(BaseArgs);
        if (fakeMicrophoneWav is not null)
        {
            if (!File.Exists(fakeMicrophoneWav))
            {
                throw new FileNotFoundException("The fake microphone's WAV file is missing.", fakeMicrophoneWav);
            }

            args.Add("--use-file-for-fake-audio-capture=" + fakeMicrophoneWav);
        }

        return _playwright!.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = ChromiumPath,
            Headless = true,
            Args = args,
        });
    }
}
