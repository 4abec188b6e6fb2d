using System.Collections.Concurrent;
using Microsoft.Playwright;

namespace WarmTransfer.EndToEnd.Infrastructure;

/// <summary>
/// One page in its own browser context, with everything the page reported on its console at error level and every
/// uncaught exception recorded, so a test can assert the page stayed clean.
/// </summary>
public sealed class PageSession : IAsyncDisposable
{
    private readonly ConcurrentQueue<string> _errors = new();
    private readonly ConcurrentQueue<string> _tolerated = new();

    public PageSession(string role, IBrowserContext context, IPage page)
    {
        Role = role;
        Context = context;
        Page = page;
        page.Console += (_, message) =>
        {
            if (message.Type is "error" or "assert")
            {
                var text = $"console.{message.Type}: {message.Text} ({message.Location})";
                (IsDevServerCloseRace(message.Text) ? _tolerated : _errors).Enqueue(text);
            }
        };
        page.PageError += (_, error) => _errors.Enqueue($"uncaught: {error}");
        // Warnings and errors go to the test output too, for diagnosing a failed run.
        page.Console += (_, message) =>
        {
            if (message.Type is "error" or "warning")
            {
                Console.Error.WriteLine($"[{role} console.{message.Type}] {message.Text}");
            }
        };
        page.Crash += (_, _) => _errors.Enqueue("the page crashed");
    }

    public string Role { get; }

    public IBrowserContext Context { get; }

    public IPage Page { get; }

    /// <summary>Console errors and uncaught exceptions so far.</summary>
    public IReadOnlyList<string> Errors => [.. _errors];

    /// <summary>Errors left out of <see cref="Errors"/> as the dev server's known close race (see <see cref="IsDevServerCloseRace"/>).</summary>
    public IReadOnlyList<string> ToleratedErrors => [.. _tolerated];

    /// <summary>
    /// When a page leaves a room itself, livekit-client sends its close frame first; the dev server's signalling
    /// socket (src/LiveKit.DevServer/Signaling/MessageSocket.DisposeAsync) aborts the TCP connection before its own
    /// close frame has gone out when its writer is slow, so Chromium reports close code 1006 and livekit-client logs
    /// "error reading from signal stream" for a room the page already left. A server-side fault with no effect on the
    /// page (reported to the dev server's owner); only that exact message is tolerated.
    /// </summary>
    public static bool IsDevServerCloseRace(string text) =>
        text.Contains("error reading from signal stream", StringComparison.Ordinal)
        && text.Contains("WS closed unexpectedly with code 1006", StringComparison.Ordinal);

    /// <summary>Console errors except those matching <paramref name="expected"/> (e.g. a 401 the test caused on purpose).</summary>
    public IReadOnlyList<string> ErrorsExcept(params string[] expected) =>
        [.. _errors.Where(e => !expected.Any(x => e.Contains(x, StringComparison.OrdinalIgnoreCase)))];

    public ILocator ById(string id) => Page.Locator("#" + id);

    public async ValueTask DisposeAsync()
    {
        try
        {
            await Context.CloseAsync();
        }
        catch (PlaywrightException)
        {
            // The browser is already gone.
        }
    }
}
