using WarmTransfer.ControlApi.Auth;
using WarmTransfer.ControlApi.Events;

namespace WarmTransfer.ControlApi.Calls;

/// <summary>
/// Rings the agents' consoles: <c>call.incoming</c> when a caller starts a call nobody owns yet, <c>call.answered</c>
/// when an agent takes it (so the other consoles stop offering it). Both go to every agent (not admins) and are
/// live-only: a console that connects later reads the waiting calls from <c>GET /api/rooms</c> instead.
/// Best effort: a failed notification never fails the call.
/// </summary>
internal sealed partial class CallNotifier(AgentEventHub events, AgentDirectory directory, TimeProvider time, ILogger<CallNotifier> logger)
{
    public Task IncomingAsync(string room, string? callerName, CancellationToken cancellationToken) =>
        PublishAsync(AgentEventTypes.CallIncoming, new CallEvent(room, callerName, null, time.GetUtcNow()), cancellationToken);

    public Task AnsweredAsync(string room, string agent, CancellationToken cancellationToken) =>
        PublishAsync(AgentEventTypes.CallAnswered, new CallEvent(room, null, agent, time.GetUtcNow()), cancellationToken);

    private async Task PublishAsync(string type, CallEvent payload, CancellationToken cancellationToken)
    {
        try
        {
            var agents = directory.All.Where(a => a.Role == Roles.Agent).Select(a => a.Identity);
            await events.PublishAsync(agents, type, transferId: null, payload, persist: false, cancellationToken).ConfigureAwait(false);
        }
#pragma warning disable CA1031 // Ringing is best effort; the call itself already exists.
        catch (Exception e)
#pragma warning restore CA1031
        {
            LogNotifyFailed(logger, type, payload.Room, e);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not send {Type} for call room {Room} to the agents' consoles")]
    private static partial void LogNotifyFailed(ILogger logger, string type, string room, Exception exception);
}
