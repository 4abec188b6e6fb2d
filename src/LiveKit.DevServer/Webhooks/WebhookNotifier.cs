using System.Net.Http.Headers;
using System.Threading.Channels;
using LiveKit.Api;
using LiveKit.DevServer.Auth;
using LiveKit.DevServer.Rooms;
using LiveKit.Proto;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace LiveKit.DevServer.Webhooks;

/// <summary>
/// Posts webhooks (room_started, room_finished, participant_joined, participant_left, track_published,
/// track_unpublished) to <see cref="DevServerOptions.WebhookUrl"/>, signed as LiveKit signs them (protobuf
/// JSON body, <c>Content-Type: application/webhook+json</c>, a JWT in <c>Authorization</c> whose sha256
/// claim covers the body).
/// </summary>
/// <remarks>
/// Never blocks the rooms: events go into a bounded queue (a full queue drops the new event, counted and
/// logged) and one sender delivers them in order, retrying failures with exponential backoff. On stop,
/// queued events are still delivered until the host's shutdown deadline.
/// </remarks>
internal sealed partial class WebhookNotifier : IRoomObserver, IHostedService, IDisposable
{
    private static readonly TimeSpan FirstRetryDelay = TimeSpan.FromMilliseconds(250);
    private static readonly TimeSpan RequestTimeout = TimeSpan.FromSeconds(10);

    private readonly Uri? _url;
    private readonly WebhookSigner _signer;
    private readonly HttpClient _http;
    private readonly int _maxAttempts;
    private readonly TimeProvider _time;
    private readonly DevServerMetrics _metrics;
    private readonly ILogger _logger;
    private readonly Channel<WebhookEvent> _queue;
    private readonly CancellationTokenSource _abort = new();
    private Task _sender = Task.CompletedTask;

    public WebhookNotifier(IOptions<DevServerOptions> options, ApiKeys keys, TimeProvider time, DevServerMetrics metrics, ILogger<WebhookNotifier> logger)
    {
        var settings = options.Value;
        _url = settings.WebhookUrl;
        _signer = new WebhookSigner(keys.SigningKey, keys.SigningSecret, time);
        _http = new HttpClient { Timeout = RequestTimeout };
        _maxAttempts = settings.Limits.WebhookMaxAttempts;
        _time = time;
        _metrics = metrics;
        _logger = logger;
        _queue = Channel.CreateBounded<WebhookEvent>(new BoundedChannelOptions(settings.Limits.WebhookQueueCapacity) { SingleReader = true });
    }

    public void OnRoomStarted(Room room, RoomSettings settings) => Enqueue(WebhookEventNames.RoomStarted, room);

    public void OnRoomFinished(Room room) => Enqueue(WebhookEventNames.RoomFinished, room);

    public void OnParticipantJoined(Room room, ParticipantInfo participant) => Enqueue(WebhookEventNames.ParticipantJoined, room, participant);

    public void OnParticipantLeft(Room room, ParticipantInfo participant) => Enqueue(WebhookEventNames.ParticipantLeft, room, participant);

    public void OnTrackPublished(Room room, ParticipantInfo participant, TrackInfo track) => Enqueue(WebhookEventNames.TrackPublished, room, participant, track);

    public void OnTrackUnpublished(Room room, ParticipantInfo participant, TrackInfo track) => Enqueue(WebhookEventNames.TrackUnpublished, room, participant, track);

    public Task StartAsync(CancellationToken cancellationToken)
    {
        if (_url is not null)
        {
            _sender = Task.Run(SendLoopAsync, CancellationToken.None);
        }

        return Task.CompletedTask;
    }

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        _queue.Writer.TryComplete();
        try
        {
            await _sender.WaitAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            await _abort.CancelAsync().ConfigureAwait(false);
            await _sender.ConfigureAwait(false);
        }
    }

    public void Dispose()
    {
        _abort.Dispose();
        _http.Dispose();
    }

    private void Enqueue(string name, Room room, ParticipantInfo? participant = null, TrackInfo? track = null)
    {
        if (_url is null)
        {
            return;
        }

        var webhookEvent = new WebhookEvent
        {
            Event = name,
            Id = Sids.New(Sids.WebhookEvent),
            CreatedAt = _time.GetUtcNow().ToUnixTimeSeconds(),
            Room = room,
            Participant = participant,
            Track = track,
        };
        if (!_queue.Writer.TryWrite(webhookEvent))
        {
            _metrics.WebhookDropped();
            LogDropped(_logger, name);
        }
    }

    private async Task SendLoopAsync()
    {
        try
        {
            await foreach (var webhookEvent in _queue.Reader.ReadAllAsync(_abort.Token).ConfigureAwait(false))
            {
                await DeliverAsync(webhookEvent).ConfigureAwait(false);
            }
        }
        catch (OperationCanceledException) when (_abort.IsCancellationRequested)
        {
        }
    }

    private async Task DeliverAsync(WebhookEvent webhookEvent)
    {
        var signed = _signer.Sign(webhookEvent);
        var delay = FirstRetryDelay;
        for (var attempt = 1; attempt <= _maxAttempts; attempt++)
        {
            try
            {
                using var request = new HttpRequestMessage(HttpMethod.Post, _url) { Content = new ReadOnlyMemoryContent(signed.Body) };
                request.Content.Headers.ContentType = new MediaTypeHeaderValue(WebhookSigner.ContentType);
                request.Headers.TryAddWithoutValidation(WebhookSigner.AuthorizationHeader, signed.Authorization);
                using var response = await _http.SendAsync(request, _abort.Token).ConfigureAwait(false);
                if (response.IsSuccessStatusCode)
                {
                    return;
                }

                LogRejected(_logger, webhookEvent.Event, attempt, (int)response.StatusCode);
            }
            catch (HttpRequestException e)
            {
                LogAttemptFailed(_logger, webhookEvent.Event, attempt, e.Message);
            }
            catch (TaskCanceledException) when (!_abort.IsCancellationRequested)
            {
                LogAttemptFailed(_logger, webhookEvent.Event, attempt, "timed out");
            }

            if (attempt < _maxAttempts)
            {
                await Task.Delay(delay, _time, _abort.Token).ConfigureAwait(false);
                delay *= 2;
            }
        }

        _metrics.WebhookFailed();
        LogGaveUp(_logger, webhookEvent.Event, _maxAttempts);
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Webhook queue full; dropped a {Event} event")]
    private static partial void LogDropped(ILogger logger, string @event);

    [LoggerMessage(Level = LogLevel.Information, Message = "Webhook {Event}: attempt {Attempt} failed ({Why})")]
    private static partial void LogAttemptFailed(ILogger logger, string @event, int attempt, string why);

    [LoggerMessage(Level = LogLevel.Information, Message = "Webhook {Event}: attempt {Attempt} answered HTTP {Status}")]
    private static partial void LogRejected(ILogger logger, string @event, int attempt, int status);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Webhook {Event} given up after {Attempts} attempts")]
    private static partial void LogGaveUp(ILogger logger, string @event, int attempts);
}
