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
                _errors.Enqueue(text);
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
