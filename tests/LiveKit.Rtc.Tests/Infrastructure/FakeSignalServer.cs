using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace LiveKit.Rtc.Tests.Infrastructure;

/// <summary>
/// A minimal HTTP endpoint on 127.0.0.1 that answers LiveKit's signalling paths with fixed statuses, so the
/// Rust core's handling of a rejected join can be observed without a LiveKit server. It records every
/// request line and its headers.
/// </summary>
public sealed class FakeSignalServer : IAsyncDisposable
{
    private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
    private readonly CancellationTokenSource _stop = new();
    private readonly Func<string, (int Status, string Reason, string Body)> _respond;
    private readonly Task _acceptLoop;

    public FakeSignalServer(Func<string, (int Status, string Reason, string Body)> respond)
    {
        _respond = respond;
        _listener.Start();
        _acceptLoop = Task.Run(AcceptLoopAsync);
    }

    public int Port => ((IPEndPoint)_listener.LocalEndpoint).Port;

    public string Url => $"ws://127.0.0.1:{Port}";

    public ConcurrentQueue<RecordedRequest> Requests { get; } = new();

    private async Task AcceptLoopAsync()
    {
        var connections = new List<Task>();
        try
        {
            while (!_stop.IsCancellationRequested)
            {
                var socket = await _listener.AcceptSocketAsync(_stop.Token);
                connections.Add(Task.Run(() => ServeAsync(socket)));
            }
        }
        catch (OperationCanceledException)
        {
        }
        await Task.WhenAll(connections);
    }

    private async Task ServeAsync(Socket socket)
    {
        using var _ = socket;
        using var stream = new NetworkStream(socket);
        var head = new StringBuilder();
        var buffer = new byte[4096];
        try
        {
            while (!head.ToString().Contains("\r\n\r\n", StringComparison.Ordinal))
            {
                int n = await stream.ReadAsync(buffer, _stop.Token);
                if (n == 0)
                {
                    return;
                }
                head.Append(Encoding.ASCII.GetString(buffer, 0, n));
            }
            var lines = head.ToString().Split("\r\n");
            var requestLine = lines[0].Split(' ');
            var headers = lines.Skip(1).TakeWhile(l => l.Length > 0)
                .Select(l => l.Split(':', 2))
                .Where(p => p.Length == 2)
                .GroupBy(p => p[0].Trim(), StringComparer.OrdinalIgnoreCase)
                .ToDictionary(g => g.Key, g => g.Last()[1].Trim(), StringComparer.OrdinalIgnoreCase);
            string target = requestLine.Length > 1 ? requestLine[1] : "/";
            string path = target.Split('?')[0];
            Requests.Enqueue(new RecordedRequest(requestLine[0], path, target, headers));
            var (status, reason, body) = _respond(path);
            byte[] payload = Encoding.UTF8.GetBytes(body);
            string response = $"HTTP/1.1 {status} {reason}\r\nContent-Type: text/plain; charset=utf-8\r\nContent-Length: {payload.Length}\r\nConnection: close\r\n\r\n";
            await stream.WriteAsync(Encoding.ASCII.GetBytes(response), _stop.Token);
            await stream.WriteAsync(payload, _stop.Token);
            await stream.FlushAsync(_stop.Token);
        }
        catch (Exception ex) when (ex is IOException or OperationCanceledException or SocketException)
        {
            // The client went away.
        }
    }

    public async ValueTask DisposeAsync()
    {
        _stop.Cancel();
        _listener.Stop();
        await _acceptLoop;
        _stop.Dispose();
    }

    public sealed record RecordedRequest(string Method, string Path, string Target, IReadOnlyDictionary<string, string> Headers);
}
