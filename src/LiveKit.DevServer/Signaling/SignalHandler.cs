using System.Net.WebSockets;
using LiveKit.DevServer.Auth;
using LiveKit.DevServer.Rooms;
using LiveKit.Proto;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace LiveKit.DevServer.Signaling;

/// <summary>
/// The signalling edge: <c>/rtc</c> (v0, one connection per participant for both peer connections),
/// <c>/rtc/validate</c>, and the 404s of <c>/rtc/v1</c> that make both official clients fall back to v0.
/// </summary>
internal sealed partial class SignalHandler(
    SignalAdmission admission,
    RoomManager rooms,
    IOptions<DevServerOptions> options,
    DevServerMetrics metrics,
    TimeProvider time,
    ILoggerFactory loggers)
{
    /// <summary>Body of a 404 for a path the server does not serve (Go's text; livekit-client checks it is not "requested room does not exist").</summary>
    public const string PageNotFound = "404 page not found";

    private static readonly TimeSpan KeepAliveInterval = TimeSpan.FromSeconds(10);
    private static readonly TimeSpan KeepAliveTimeout = TimeSpan.FromSeconds(30);

    private readonly ILogger _logger = loggers.CreateLogger<SignalHandler>();

    /// <summary><c>/rtc</c>: checks the request, upgrades, joins, and serves the connection until it ends.</summary>
    public async Task HandleAsync(HttpContext context)
    {
        if (!context.WebSockets.IsWebSocketRequest)
        {
            await WriteTextAsync(context, StatusCodes.Status404NotFound, PageNotFound).ConfigureAwait(false);
            return;
        }

        var admitted = admission.Admit(context.Request);
        if (!admitted.Admitted)
        {
            metrics.ConnectionRejected("rtc", admitted.StatusCode);
            LogRefused(_logger, admitted.StatusCode, admitted.Error);
            await WriteTextAsync(context, admitted.StatusCode, admitted.Error).ConfigureAwait(false);
            return;
        }

        var parameters = JoinParameters.Parse(context.Request);
        var limits = options.Value.Limits;
        using var webSocket = await context.WebSockets.AcceptWebSocketAsync(new WebSocketAcceptContext
        {
            KeepAliveInterval = KeepAliveInterval,
            KeepAliveTimeout = KeepAliveTimeout,
        }).ConfigureAwait(false);
        var socket = new MessageSocket(webSocket, limits.MaxSignalMessageBytes, limits.SendQueueCapacity);
        await using (socket.ConfigureAwait(false))
        {
            var connection = new SignalConnection(socket);
            if (parameters.Reconnect)
            {
                // Resume is not supported: leave{RECONNECT} as the first message makes both SDKs rejoin
                // from scratch (lkc:RTCEngine.ts, rs:rtc_engine/mod.rs); the rejoin evicts the old session.
                LogResumeRefused(_logger, parameters.ParticipantSid);
                connection.Close(new LeaveRequest { CanReconnect = true, Reason = DisconnectReason.StateMismatch, Action = LeaveRequest.Types.Action.Reconnect }, "resume is not supported; rejoin");
                await DrainAsync(socket, context.RequestAborted).ConfigureAwait(false);
                return;
            }

            var claims = admitted.Claims!;
            var spec = GrantMapping.ToParticipantSpec(claims, parameters.Client, parameters.AutoSubscribe);
            var failure = rooms.Join(admitted.RoomName, GrantMapping.ToRoomSettings(claims), spec, connection, out var participant);
            if (failure != JoinFailure.None || participant is null)
            {
                metrics.ConnectionRejected("rtc", StatusCodes.Status429TooManyRequests);
                connection.Close(
                    new LeaveRequest { Reason = DisconnectReason.JoinFailure, Action = LeaveRequest.Types.Action.Disconnect },
                    failure == JoinFailure.RoomFull ? "room is full" : "the server cannot take more participants");
                await DrainAsync(socket, context.RequestAborted).ConfigureAwait(false);
                return;
            }

            var session = new SignalSession(participant, connection, limits, metrics, time, loggers.CreateLogger<SignalSession>());
            var reason = DisconnectReason.SignalClose;
            try
            {
                reason = await session.RunAsync(context.RequestAborted).ConfigureAwait(false);
            }
            finally
            {
                ServerRoom.Leave(participant, reason);
                if (socket.Overflowed)
                {
                    LogOverflow(_logger, participant.Sid, limits.SendQueueCapacity);
                }

                await DrainAsync(socket, context.RequestAborted).ConfigureAwait(false);
            }
        }
    }

    /// <summary><c>/rtc/validate</c>: the same checks as a connect, answered in plain HTTP (200 "success").</summary>
    public async Task ValidateAsync(HttpContext context)
    {
        context.Response.Headers.AccessControlAllowOrigin = "*";
        var admitted = admission.Admit(context.Request);
        if (!admitted.Admitted)
        {
            metrics.ConnectionRejected("rtc/validate", admitted.StatusCode);
        }

        await WriteTextAsync(context, admitted.Admitted ? StatusCodes.Status200OK : admitted.StatusCode, admitted.Admitted ? "success" : admitted.Error).ConfigureAwait(false);
    }

    /// <summary>
    /// <c>/rtc/v1</c> and <c>/rtc/v1/validate</c>: 404 with <c>Access-Control-Allow-Origin: *</c> and a body
    /// that is not "requested room does not exist". Rust falls back to v0 on the 404 of the upgrade;
    /// livekit-client cannot see that status, fetches <c>/rtc/v1/validate</c>, and falls back on its 404
    /// (which it can only read cross-origin with the CORS header).
    /// </summary>
    public static Task NotFoundAsync(HttpContext context)
    {
        context.Response.Headers.AccessControlAllowOrigin = "*";
        return WriteTextAsync(context, StatusCodes.Status404NotFound, PageNotFound);
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

    [LoggerMessage(Level = LogLevel.Information, Message = "Refused a signalling connection: {Status} {Error}")]
    private static partial void LogRefused(ILogger logger, int status, string error);

    [LoggerMessage(Level = LogLevel.Information, Message = "Refused to resume participant {ParticipantSid}; told the client to rejoin")]
    private static partial void LogResumeRefused(ILogger logger, string participantSid);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Participant {ParticipantSid} stopped reading: more than {Capacity} messages queued; disconnected")]
    private static partial void LogOverflow(ILogger logger, string participantSid, int capacity);
}
