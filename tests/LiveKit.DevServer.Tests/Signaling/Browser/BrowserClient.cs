using System.Collections.Concurrent;
using LiveKit.Proto;
using Microsoft.Playwright;

namespace LiveKit.DevServer.Tests.Signaling.Browser;

/// <summary>
/// One livekit-client Room in its own browser context. Every WebSocket the page opens is recorded: the
/// frames the server sent (decoded as SignalResponse) and the frames the client sent (SignalRequest),
/// plus the HTTP responses the page got (the validate fetch of the fallback).
/// </summary>
internal sealed class BrowserClient : IAsyncDisposable
{
    private readonly IBrowserContext _context;
    private readonly ConcurrentQueue<(string Url, SignalResponse Response)> _received = new();
    private readonly ConcurrentQueue<(string Url, SignalRequest Request)> _sent = new();
    private readonly ConcurrentQueue<string> _sockets = new();
    private readonly ConcurrentQueue<(string Url, int Status)> _responses = new();
    private readonly SemaphoreSlim _changed = new(0);

    public BrowserClient(IBrowserContext context, IPage page)
    {
        _context = context;
        Page = page;
        page.WebSocket += (_, socket) =>
        {
            _sockets.Enqueue(socket.Url);
            socket.FrameReceived += (_, frame) => Record(() => _received.Enqueue((socket.Url, SignalResponse.Parser.ParseFrom(frame.Binary ?? []))));
            socket.FrameSent += (_, frame) => Record(() => _sent.Enqueue((socket.Url, SignalRequest.Parser.ParseFrom(frame.Binary ?? []))));
            socket.Close += (_, _) => _changed.Release();
        };
        page.Response += (_, response) => Record(() => _responses.Enqueue((response.Url, response.Status)));
    }

    public IPage Page { get; }

    public IReadOnlyList<string> SocketUrls => [.. _sockets];

    public IReadOnlyList<SignalResponse> Received => [.. _received.Select(r => r.Response)];

    public IReadOnlyList<SignalRequest> Sent => [.. _sent.Select(r => r.Request)];

    public IReadOnlyList<(string Url, int Status)> Responses => [.. _responses];

    public Task StartAsync(string url, string token) =>
        Page.EvaluateAsync("([url, token]) => window.start(url, token)", new object[] { url, token });

    /// <summary>Waits until the recorded traffic satisfies <paramref name="condition"/>.</summary>
    public async Task<T> WaitForAsync<T>(Func<BrowserClient, T?> condition, string what)
        where T : class
    {
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(45));
        while (true)
        {
            if (condition(this) is { } found)
            {
                return found;
            }

            try
            {
                await _changed.WaitAsync(cts.Token);
            }
            catch (OperationCanceledException)
            {
                throw new TimeoutException($"browser client: {what} did not happen. Log: {string.Join(" | ", await Page.EvaluateAsync<string[]>("() => window.log"))}");
            }
        }
    }

    public Task<SignalResponse> WaitForResponseAsync(Func<SignalResponse, bool> match, string what) =>
        WaitForAsync(c => c.Received.FirstOrDefault(match), what);

    public Task<string[]> LogAsync() => Page.EvaluateAsync<string[]>("() => window.log");

    public async ValueTask DisposeAsync()
    {
        await _context.CloseAsync();
        _changed.Dispose();
    }

    private void Record(Action add)
    {
        add();
        _changed.Release();
    }
}
