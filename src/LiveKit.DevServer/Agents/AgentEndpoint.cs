using System.Net.WebSockets;
using Google.Protobuf;
using LiveKit.Api;
using LiveKit.DevServer.Auth;
using LiveKit.DevServer.Rooms;
using LiveKit.DevServer.Signaling;
using LiveKit.Proto;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace LiveKit.DevServer.Agents;

/// <summary>
/// The agent worker edge, <c>/agent</c> (srv:service/agentservice.go): a WebSocket with a bearer token
/// granting <c>video.agent</c>, binary WorkerMessage in and ServerMessage out. The first message must be
/// register, within 10 s. A worker that sends a malformed or unknown message is disconnected with a close
/// reason saying why (the worker protocol has no error message).
/// </summary>
internal sealed partial class AgentEndpoint(
    AgentDispatcher dispatcher,
    TokenVerifier verifier,
    RoomContext rooms,
    IOptions<DevServerOptions> options,
    DevServerMetrics metrics,
    TimeProvider time,
    ILogger<AgentEndpoint> logger)
{
    /// <summary>How long a new connection has to register (srv:agent/worker.go RegisterTimeout).</summary>
    public static readonly TimeSpan RegisterTimeout = TimeSpan.FromSeconds(10);

    public async Task HandleAsync(HttpContext context)
    {
        if (!context.WebSockets.IsWebSocketRequest)
        {
            await WriteTextAsync(context, StatusCodes.Status404NotFound, SignalHandler.PageNotFound).ConfigureAwait(false);
            return;
        }

        if (AccessTokenReader.Read(context.Request) is not { } token)
        {
            await RefuseAsync(context, "no access token: send it as Authorization: Bearer <token>").ConfigureAwait(false);
            return;
        }

        if (!verifier.TryVerify(token, out var claims, out _, out var message))
        {
            await RefuseAsync(context, "invalid access token: " + message).ConfigureAwait(false);
            return;
        }

        if (claims.Video is not { Agent: true })
        {
            await RefuseAsync(context, "permissions denied: the token does not grant video.agent").ConfigureAwait(false);
            return;
        }

        var limits = options.Value.Limits;
        using var webSocket = await context.WebSockets.AcceptWebSocketAsync().ConfigureAwait(false);
        var socket = new MessageSocket(webSocket, limits.MaxSignalMessageBytes, limits.SendQueueCapacity);
        await using (socket.ConfigureAwait(false))
        {
            var worker = await RegisterAsync(socket, context.RequestAborted).ConfigureAwait(false);
            if (worker is null)
            {
                await DrainAsync(socket, context.RequestAborted).ConfigureAwait(false);
                return;
            }

            try
            {
                await ServeAsync(socket, worker, context.RequestAborted).ConfigureAwait(false);
            }
            finally
            {
                dispatcher.Unregister(worker);
                await DrainAsync(socket, context.RequestAborted).ConfigureAwait(false);
            }
        }
    }

    private async Task<AgentWorker?> RegisterAsync(MessageSocket socket, CancellationToken cancellationToken)
    {
        using var deadline = new CancellationTokenSource(RegisterTimeout, time);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, deadline.Token);
        while (true)
        {
            var inbound = await socket.ReceiveAsync(linked.Token).ConfigureAwait(false);
            if (inbound.Kind == InboundKind.Closed)
            {
                if (deadline.IsCancellationRequested)
                {
                    socket.CloseAfterPending(WebSocketCloseStatus.PolicyViolation, $"register within {RegisterTimeout.TotalSeconds:0} s");
                }

                return null;
            }

            if (!TryRead(socket, inbound, out var message))
            {
                return null;
            }

            switch (message.MessageCase)
            {
                case WorkerMessage.MessageOneofCase.Ping:
                    Pong(socket, message.Ping);
                    continue;
                case WorkerMessage.MessageOneofCase.Register when !Enum.IsDefined(message.Register.Type):
                    Refuse(socket, WebSocketCloseStatus.InvalidPayloadData, $"unknown job type {(int)message.Register.Type}");
                    return null;
                case WorkerMessage.MessageOneofCase.Register:
                    var worker = dispatcher.Register(socket, message.Register);
                    socket.TrySend(new ServerMessage
                    {
                        Register = new RegisterWorkerResponse { WorkerId = worker.Id, ServerInfo = AgentServerInfo() },
                    }.ToByteArray());
                    return worker;
                default:
                    Refuse(socket, WebSocketCloseStatus.PolicyViolation, $"the first message must be register, got {message.MessageCase}");
                    return null;
            }
        }
    }

    private async Task ServeAsync(MessageSocket socket, AgentWorker worker, CancellationToken cancellationToken)
    {
        while (true)
        {
            var inbound = await socket.ReceiveAsync(cancellationToken).ConfigureAwait(false);
            if (inbound.Kind == InboundKind.Closed || !TryRead(socket, inbound, out var message))
            {
                return;
            }

            switch (message.MessageCase)
            {
                case WorkerMessage.MessageOneofCase.Availability:
                    worker.OnAvailability(message.Availability);
                    break;
                case WorkerMessage.MessageOneofCase.UpdateJob:
                    dispatcher.UpdateJob(worker, message.UpdateJob);
                    break;
                case WorkerMessage.MessageOneofCase.UpdateWorker:
                    dispatcher.UpdateWorker(worker, message.UpdateWorker);
                    break;
                case WorkerMessage.MessageOneofCase.Ping:
                    Pong(socket, message.Ping);
                    break;
                case WorkerMessage.MessageOneofCase.Register:
                    Refuse(socket, WebSocketCloseStatus.PolicyViolation, "already registered");
                    return;
                default:
                    // simulate_job and migrate_job: not offered by this server (livekit-server OSS ignores migrate too).
                    LogIgnored(logger, worker.Id, message.MessageCase);
                    break;
            }
        }
    }

    /// <summary>Parses a worker frame; on bad input closes the connection with a reason and returns false.</summary>
    private bool TryRead(MessageSocket socket, InboundMessage inbound, out WorkerMessage message)
    {
        message = new WorkerMessage();
        switch (inbound.Kind)
        {
            case InboundKind.TooLarge:
                Refuse(socket, WebSocketCloseStatus.MessageTooBig, $"message of {inbound.Size} bytes exceeds the limit of {options.Value.Limits.MaxSignalMessageBytes} bytes");
                return false;
            case InboundKind.Text:
                Refuse(socket, WebSocketCloseStatus.InvalidMessageType, "send WorkerMessage as binary protobuf");
                return false;
            default:
                break;
        }

        try
        {
            message = WorkerMessage.Parser.ParseFrom(inbound.Payload.Span);
        }
        catch (InvalidProtocolBufferException e)
        {
            Refuse(socket, WebSocketCloseStatus.InvalidPayloadData, "malformed WorkerMessage: " + e.Message);
            return false;
        }

        if (message.MessageCase == WorkerMessage.MessageOneofCase.None)
        {
            Refuse(socket, WebSocketCloseStatus.InvalidPayloadData, "unknown WorkerMessage type");
            return false;
        }

        return true;
    }

    private void Refuse(MessageSocket socket, WebSocketCloseStatus status, string reason)
    {
        metrics.SignalMessageRejected("agent");
        LogRefusedMessage(logger, reason);
        socket.CloseAfterPending(status, reason);
    }

    private void Pong(MessageSocket socket, WorkerPing ping) =>
        socket.TrySend(new ServerMessage
        {
            Pong = new WorkerPong { LastTimestamp = ping.Timestamp, Timestamp = time.GetUtcNow().ToUnixTimeMilliseconds() },
        }.ToByteArray());

    private ServerInfo AgentServerInfo()
    {
        var info = rooms.ServerInfo.Clone();
        info.AgentProtocol = ProtocolConstants.AgentProtocol;
        return info;
    }

    private async Task RefuseAsync(HttpContext context, string reason)
    {
        metrics.ConnectionRejected("agent", StatusCodes.Status401Unauthorized);
        LogRefused(logger, reason);
        await WriteTextAsync(context, StatusCodes.Status401Unauthorized, reason).ConfigureAwait(false);
    }

    private static async Task DrainAsync(MessageSocket socket, CancellationToken cancellationToken)
    {
        while ((await socket.ReceiveAsync(cancellationToken).ConfigureAwait(false)).Kind != InboundKind.Closed)
        {
        }
    }

    private static Task WriteTextAsync(HttpContext context, int status, string text)
    {
        context.Response.StatusCode = status;
        context.Response.ContentType = "text/plain; charset=utf-8";
        return context.Response.WriteAsync(text, context.RequestAborted);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Refused an agent worker connection: {Reason}")]
    private static partial void LogRefused(ILogger logger, string reason);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Closing an agent worker connection: {Reason}")]
    private static partial void LogRefusedMessage(ILogger logger, string reason);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Worker {WorkerId}: {Message} accepted and ignored")]
    private static partial void LogIgnored(ILogger logger, string workerId, WorkerMessage.MessageOneofCase message);
}
