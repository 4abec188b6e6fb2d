using System.Net.WebSockets;
using System.Threading.Channels;
using Google.Protobuf;
using LiveKit.Proto;

namespace LiveKit.DevServer.Tests.Support;

/// <summary>
/// Our own agent worker client for <c>/agent</c>: speaks WorkerMessage/ServerMessage over a WebSocket,
/// answers availability requests through <see cref="Answer"/>, and keeps every server message in order.
/// </summary>
internal sealed class TestWorker : IAsyncDisposable
{
    private readonly ClientWebSocket _socket;
    private readonly Channel<ServerMessage> _inbox = Channel.CreateUnbounded<ServerMessage>();
    private readonly Task _receiver;
    private readonly SemaphoreSlim _sendGate = new(1, 1);
    private long _pings;

    private TestWorker(ClientWebSocket socket)
    {
        _socket = socket;
        _receiver = Task.Run(ReceiveLoopAsync);
    }

    /// <summary>How to answer an availability request; null sends nothing (the server times out). Default: available.</summary>
    public Func<AvailabilityRequest, AvailabilityResponse?> Answer { get; set; } =
        request => new AvailabilityResponse { JobId = request.Job.Id, Available = true, ParticipantIdentity = "agent-" + request.Job.Id };

    public string WorkerId { get; private set; } = string.Empty;

    public RegisterWorkerResponse? Registration { get; private set; }

    public WebSocketCloseStatus? CloseStatus => _socket.CloseStatus;

    public string? CloseDescription => _socket.CloseStatusDescription;

    public Task Closed => _receiver;

    public static async Task<TestWorker> ConnectAsync(DevServer server, string? token = null)
    {
        var socket = new ClientWebSocket();
        socket.Options.SetRequestHeader("Authorization", "Bearer " + (token ?? Tokens.Agent(server)));
        using var cts = new CancellationTokenSource(TestTimeouts.Event);
        await socket.ConnectAsync(new Uri($"{server.Url}/agent"), cts.Token);
        return new TestWorker(socket);
    }

    /// <summary>Connects and registers; returns once the server answered with the worker id.</summary>
    public static async Task<TestWorker> RegisterAsync(DevServer server, string agentName, JobType type = JobType.JtRoom, ParticipantPermission? permissions = null)
    {
        var worker = await ConnectAsync(server);
        var register = new RegisterWorkerRequest { AgentName = agentName, Type = type, Version = "test-1.0", PingInterval = 30 };
        if (permissions is not null)
        {
            register.AllowedPermissions = permissions;
        }

        await worker.SendAsync(new WorkerMessage { Register = register });
        var response = await worker.WaitForAsync(ServerMessage.MessageOneofCase.Register);
        worker.Registration = response.Register;
        worker.WorkerId = response.Register.WorkerId;
        return worker;
    }

    public async Task SendAsync(WorkerMessage message) => await SendRawAsync(message.ToByteArray());

    public async Task SendRawAsync(byte[] bytes)
    {
        using var cts = new CancellationTokenSource(TestTimeouts.Event);
        await _sendGate.WaitAsync(cts.Token);
        try
        {
            await _socket.SendAsync(bytes, WebSocketMessageType.Binary, endOfMessage: true, cts.Token);
        }
        finally
        {
            _sendGate.Release();
        }
    }

    /// <summary>
    /// Reports load and status, then waits for a pong: the server handles one connection's messages in
    /// order, so the pong means the report has been applied.
    /// </summary>
    public async Task ReportAsync(float load, WorkerStatus status = WorkerStatus.WsAvailable)
    {
        await SendAsync(new WorkerMessage { UpdateWorker = new UpdateWorkerStatus { Load = load, Status = status } });
        var marker = Interlocked.Increment(ref _pings);
        await SendAsync(new WorkerMessage { Ping = new WorkerPing { Timestamp = marker } });
        await WaitForAsync(ServerMessage.MessageOneofCase.Pong, m => m.Pong.LastTimestamp == marker);
    }

    public async Task<ServerMessage> WaitForAsync(ServerMessage.MessageOneofCase kind, Func<ServerMessage, bool>? match = null)
    {
        using var cts = new CancellationTokenSource(TestTimeouts.Event);
        while (true)
        {
            ServerMessage next;
            try
            {
                next = await _inbox.Reader.ReadAsync(cts.Token);
            }
            catch (ChannelClosedException)
            {
                throw new InvalidOperationException($"the server closed the worker connection ({CloseStatus} {CloseDescription})");
            }

            if (next.MessageCase == kind && (match is null || match(next)))
            {
                return next;
            }
        }
    }

    /// <summary>Everything received that is not consumed yet, after a short quiet period.</summary>
    public async Task<IReadOnlyList<ServerMessage>> DrainQuietAsync()
    {
        await Task.Delay(TestTimeouts.Quiet);
        var drained = new List<ServerMessage>();
        while (_inbox.Reader.TryRead(out var m))
        {
            drained.Add(m);
        }

        return drained;
    }

    /// <summary>Drops the connection without a close handshake (a crashed worker).</summary>
    public void Crash() => _socket.Abort();

    public async ValueTask DisposeAsync()
    {
        if (_socket.State == WebSocketState.Open)
        {
            try
            {
                using var cts = new CancellationTokenSource(TestTimeouts.Event);
                await _socket.CloseOutputAsync(WebSocketCloseStatus.NormalClosure, "bye", cts.Token);
            }
            catch (WebSocketException)
            {
            }
        }

        try
        {
            await _receiver.WaitAsync(TestTimeouts.Event);
        }
        catch (TimeoutException)
        {
            _socket.Abort();
        }

        _socket.Dispose();
        _sendGate.Dispose();
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
                    result = await _socket.ReceiveAsync(buffer.AsMemory(length), CancellationToken.None);
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

                var message = ServerMessage.Parser.ParseFrom(buffer, 0, length);
                if (message.MessageCase == ServerMessage.MessageOneofCase.Availability && Answer(message.Availability) is { } answer)
                {
                    await SendAsync(new WorkerMessage { Availability = answer });
                }

                _inbox.Writer.TryWrite(message);
            }
        }
        catch (Exception e) when (e is WebSocketException or OperationCanceledException or ObjectDisposedException)
        {
        }
        finally
        {
            _inbox.Writer.TryComplete();
        }
    }
}
