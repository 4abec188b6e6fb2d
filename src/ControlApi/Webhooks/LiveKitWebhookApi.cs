using LiveKit.Api;
using LiveKit.Proto;
using Microsoft.AspNetCore.Http.HttpResults;
using WarmTransfer.ControlApi.Hosting;

namespace WarmTransfer.ControlApi.Webhooks;

/// <summary>
/// <c>POST /api/livekit/webhook</c>: LiveKit's webhooks (configure the server to send them here). Authenticated by
/// the webhook itself: LiveKit.Api's <see cref="WebhookReceiver"/> checks the signed token and the body checksum.
/// </summary>
internal static partial class LiveKitWebhookApi
{
    public static IEndpointRouteBuilder MapLiveKitWebhookApi(this IEndpointRouteBuilder routes)
    {
        routes.MapPost("/livekit/webhook", Receive)
            .WithTags("LiveKit")
            .AllowAnonymous()
            .Accepts<string>("application/webhook+json", "application/json")
            .WithSummary("LiveKit webhooks (participant_joined, participant_left, room_finished), verified by their signature.");
        return routes;
    }

    private static async Task<Results<Ok, ProblemHttpResult>> Receive(
        HttpRequest request, WebhookReceiver receiver, RoomEventHandler handler, ILoggerFactory loggers, CancellationToken cancellationToken)
    {
        using var body = new MemoryStream();
        await request.Body.CopyToAsync(body, cancellationToken).ConfigureAwait(false);
        WebhookEvent webhook;
        try
        {
            webhook = receiver.Receive(body.GetBuffer().AsSpan(0, (int)body.Length), request.Headers.Authorization.ToString());
        }
        catch (WebhookValidationException e)
        {
            LogRefused(loggers.CreateLogger(typeof(LiveKitWebhookApi).FullName!), e.Error);
            return ApiProblems.Unauthorized($"The webhook was refused: {e.Message}");
        }

        if (webhook.Room is { Name.Length: > 0 } room)
        {
            await handler.HandleAsync(
                new RoomEvent(webhook.Event, room.Name, webhook.Participant?.Identity, webhook.Participant?.Kind == ParticipantInfo.Types.Kind.Agent),
                cancellationToken).ConfigureAwait(false);
        }

        return TypedResults.Ok();
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Refused a LiveKit webhook: {Error}")]
    private static partial void LogRefused(ILogger logger, WebhookValidationError error);
}
