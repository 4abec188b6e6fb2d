using System.Net.WebSockets;
using System.Threading.Channels;
using Google.Protobuf;
using LiveKit.Proto;

namespace LiveKit.DevServer.Tests.Support;

/// <summary>
/// Our own raw <c>/rtc</c> client: a ClientWebSocket that sends SignalRequest and collects every
/// SignalResponse in arrival order, so tests can assert on exactly what the server sent.
/// </summary>
internal sealed class SignalTestClient : IAsyncDisposable
{
    private readonly ClientWebSocket _socket;
    private readonly Channel<SignalResponse> _inbox = Channel.CreateUnbounded<SignalResponse>();
    private readonly Task _receiver;
    private readonly CancellationTokenSource _stop = new();

    private SignalTestClient(ClientWebSocket socket)
    {
        _socket = socket;
        _receiver = Task.Run(ReceiveLoopAsync);
    }

    /// <summary>All responses received so far are also kept here, in order.</summary>
    public List<SignalResponse> Received { get; } = [];

    public WebSocketCloseStatus? CloseStatus => _socket.CloseStatus;

    public string? CloseDescription => _socket.CloseStatusDescription;

    /// <summary>Completes when the server closed the connection.</summary>
    public Task Closed => _receiver;

    public static async Task<SignalTestClient> ConnectAsync(DevServer server, string token, string query = "auto_subscribe=1&sdk=js&version=2.23.0&protocol=17&client_protocol=1", bool tokenInHeader = false)
    {
        var socket = new ClientWebSocket();
        var url = $"{server.Url}/rtc?{query}";
        if (tokenInHeader)
        {
            socket.Options.SetRequestHeader("Authorization", "Bearer " + token);
        }
        else
        {
            url += "&access_token=" + Uri.EscapeDataString(token);
        }

        using var cts = new CancellationTokenSource(TestTimeouts.Event);
        await socket.ConnectAsync(new Uri(url), cts.Token);
        return new SignalTestClient(socket);
    }

    /// <summary>Connects and returns the client with its JoinResponse (which must be the first message).</summary>
    public static async Task<(SignalTestClient Client, JoinResponse Join)> JoinAsync(DevServer server, string token, string? query = null)
    {
        var client = query is null ? await ConnectAsync(server, token) : await ConnectAsync(server, token, query);
        var first = await client.NextAsync();
        Assert.Equal(SignalResponse.MessageOneofCase.Join, first.MessageCase);
        return (client, first.Join);
    }

    public Task SendAsync(SignalRequest request) => SendRawAsync(request.ToByteArray());

    public async Task SendRawAsync(byte[] bytes, WebSocketMessageType type = WebSocketMessageType.Binary)
    {
        using var cts = new CancellationTokenSource(TestTimeouts.Event);
        await _socket.SendAsync(bytes, type, endOfMessage: true, cts.Token);
    }

    /// <summary>The next response, whatever it is.</summary>
    public async Task<SignalResponse> NextAsync()
    {
        using var cts = new CancellationTokenSource(TestTimeouts.Event);
        try
        {
            return await _inbox.Reader.ReadAsync(cts.Token);
        }
        catch (ChannelClosedException)
        {
            throw new InvalidOperationException($"the server closed the connection ({CloseStatus} {CloseDescription}) before the next message");
        }
    }

    /// <summary>Skips responses until one matches; returns it.</summary>
    public async Task<SignalResponse> WaitForAsync(SignalResponse.MessageOneofCase kind, Func<SignalResponse, bool>? match = null)
    {
        while (true)
        {
            var next = await NextAsync();
            if (next.MessageCase == kind && (match is null || match(next)))
            {
                return next;
            }
        }
    }

    /// <summary>Waits for a participant update that contains <paramref name="identity"/> in <paramref name="state"/>.</summary>
    public async Task<ParticipantInfo> WaitForParticipantAsync(string identity, ParticipantInfo.Types.State? state = null, Func<ParticipantInfo, bool>? match = null)
    {
        while (true)
        {
            var update = await WaitForAsync(SignalResponse.MessageOneofCase.Update);
            var info = update.Update.Participants.FirstOrDefault(p => p.Identity == identity && (state is null || p.State == state) && (match is null || match(p)));
            if (info is not null)
            {
                return info;
            }
        }
    }

    /// <summary>Asserts that nothing (matching) arrives for a short while.</summary>
    public async Task<IReadOnlyList<SignalResponse>> DrainQuietAsync()
    {
        await Task.Delay(TestTimeouts.Quiet);
        var drained = new List<SignalResponse>();
        while (_inbox.Reader.TryRead(out var r))
        {
            drained.Add(r);
        }

        return drained;
    }

    /// <summary>Sends a leave like the SDKs do, then closes.</summary>
    public async Task LeaveAsync()
    {
        await SendAsync(new SignalRequest { Leave = new LeaveRequest { Reason = DisconnectReason.ClientInitiated, Action = LeaveRequest.Types.Action.Disconnect } });
        await CloseAsync();
    }

    public async Task CloseAsync()
    {
        if (_socket.State == WebSocketState.Open)
        {
            using var cts = new CancellationTokenSource(TestTimeouts.Event);
            try
            {
                await _socket.CloseOutputAsync(WebSocketCloseStatus.NormalClosure, "bye", cts.Token);
            }
            catch (WebSocketException)
            {
            }
        }

        await _receiver.WaitAsync(TestTimeouts.Event);
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            await CloseAsync();
        }
        catch (TimeoutException)
        {
            _socket.Abort();
        }

        _stop.Cancel();
        _socket.Dispose();
        _stop.Dispose();
    }

    private async Task ReceiveLoopAsync()
    {
        var buffer = new byte[1 << 20];
        try
        {
            while (true)
            {
                var length = 0;
                ValueWebSocketReceiveResult result;
                do
                {
                    result = await _socket.ReceiveAsync(buffer.AsMemory(length), _stop.Token);
                    length += result.Count;
                }
                while (!result.EndOfMessage && result.MessageType != WebSocketMessageType.Close);

                if (result.MessageType == WebSocketMessageType.Close)
                {
                    if (_socket.State == WebSocketState.CloseReceived)
                    {
                        await _socket.CloseOutputAsync(WebSocketCloseStatus.NormalClosure, string.Empty, CancellationToken.None);
                    }

                    return;
                }

                var response = SignalResponse.Parser.ParseFrom(buffer, 0, length);
                lock (Received)
                {
                    Received.Add(response);
                }

                _inbox.Writer.TryWrite(response);
            }
        }
        catch (Exception e) when (e is WebSocketException or OperationCanceledException)
        {
        }
        finally
        {
            _inbox.Writer.TryComplete();
        }
    }
}
