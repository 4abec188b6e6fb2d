using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Polly;

namespace WarmTransfer.TransferAgent.ControlPlane;

/// <summary>
/// Typed <see cref="HttpClient"/> client of the control API's worker endpoints. Each request goes through a Polly
/// pipeline (<see cref="ControlPlaneResilience"/>): a per-attempt time-out and retries with exponential back-off and
/// jitter (honouring <c>Retry-After</c>) on connection failures, time-outs, 408, 429 and 5xx. Error answers become
/// <see cref="ControlApiException"/> with the problem details. The bearer key is set on the client's default headers
/// and never logged.
/// </summary>
/// <remarks>
/// Retried POSTs are safe: transcript segments carry ids (the API upserts by id) and the summary is a set; an event
/// may at worst be recorded twice when an answer was lost.
/// </remarks>
public sealed partial class ControlPlaneClient : IControlPlaneClient
{
    private const string WorkerPath = "api/worker/";
    private readonly HttpClient _http;
    private readonly ResiliencePipeline<HttpResponseMessage> _pipeline;
    private readonly ILogger _logger;

    public ControlPlaneClient(HttpClient httpClient, IOptions<ControlApiOptions> options, TimeProvider? timeProvider = null, ILogger<ControlPlaneClient>? logger = null)
    {
        ArgumentNullException.ThrowIfNull(httpClient);
        ArgumentNullException.ThrowIfNull(options);
        var settings = options.Value;
        _http = httpClient;
        _logger = (ILogger?)logger ?? NullLogger.Instance;
        var baseAddress = settings.BaseAddress;
        // A base path (http://host/prefix) is kept: requests use relative paths under it.
        _http.BaseAddress = baseAddress.AbsolutePath.EndsWith('/') ? baseAddress : new Uri(baseAddress + "/");
        _http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", settings.ApiKey);
        // The pipeline's per-attempt time-out governs; HttpClient's own would cut retries short.
        _http.Timeout = Timeout.InfiniteTimeSpan;
        _pipeline = ControlPlaneResilience.Build(settings, timeProvider ?? TimeProvider.System, _logger);
    }

    public Task PostTranscriptAsync(string room, IReadOnlyList<TranscriptSegment> segments, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(room);
        ArgumentNullException.ThrowIfNull(segments);
        var body = new { room, segments };
        return SendAsync("POST transcript", () => Json(HttpMethod.Post, WorkerPath + "transcripts", body), cancellationToken);
    }

    public async Task<RoomInfo?> GetRoomAsync(string room, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(room);
        try
        {
            return await GetAsync<RoomInfo>("GET room", WorkerPath + "rooms/" + Uri.EscapeDataString(room), cancellationToken).ConfigureAwait(false);
        }
        catch (ControlApiException e) when (e.IsNotFound)
        {
            return null;
        }
    }

    public Task<TransferBriefingContext> GetTransferContextAsync(string transferId, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(transferId);
        return GetAsync<TransferBriefingContext>("GET transfer context", TransferPath(transferId, "context"), cancellationToken);
    }

    public Task PostSummaryAsync(string transferId, SummaryPost summary, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(transferId);
        ArgumentNullException.ThrowIfNull(summary);
        return SendAsync("POST summary", () => Json(HttpMethod.Post, TransferPath(transferId, "summary"), summary), cancellationToken);
    }

    public Task PostEventAsync(string transferId, WorkerEvent workerEvent, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(transferId);
        ArgumentNullException.ThrowIfNull(workerEvent);
        var sent = workerEvent.Detail is { Length: > WorkerEventTypes.MaxDetailLength } detail
            ? workerEvent with { Detail = detail[..(WorkerEventTypes.MaxDetailLength - 1)] + "…" }
            : workerEvent;
        return SendAsync("POST event " + workerEvent.Type, () => Json(HttpMethod.Post, TransferPath(transferId, "events"), sent), cancellationToken);
    }

    private static string TransferPath(string transferId, string what) => WorkerPath + "transfers/" + Uri.EscapeDataString(transferId) + "/" + what;

    private static HttpRequestMessage Json<T>(HttpMethod method, string path, T body) =>
        new(method, path) { Content = JsonContent.Create(body, options: ControlPlaneJson.Options) };

    private async Task<T> GetAsync<T>(string operation, string path, CancellationToken cancellationToken)
    {
        using var response = await SendCheckedAsync(operation, () => new HttpRequestMessage(HttpMethod.Get, path), cancellationToken).ConfigureAwait(false);
        try
        {
            return await response.Content.ReadFromJsonAsync<T>(ControlPlaneJson.Options, cancellationToken).ConfigureAwait(false)
                ?? throw new ControlApiException(operation, response.StatusCode, "Empty answer", "The control API answered with no body.");
        }
        catch (JsonException e)
        {
            throw new ControlApiException(operation, response.StatusCode, "Unreadable answer", "The control API's answer is not the expected JSON: " + e.Message, innerException: e);
        }
    }

    private async Task SendAsync(string operation, Func<HttpRequestMessage> request, CancellationToken cancellationToken)
    {
        using var response = await SendCheckedAsync(operation, request, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Sends through the resilience pipeline; a final error answer or failure becomes <see cref="ControlApiException"/>.</summary>
    private async Task<HttpResponseMessage> SendCheckedAsync(string operation, Func<HttpRequestMessage> request, CancellationToken cancellationToken)
    {
        HttpResponseMessage response;
        try
        {
            response = await _pipeline.ExecuteAsync(
                static async (state, ct) =>
                {
                    // A request message can be sent once: every attempt builds its own.
                    using var message = state.Request();
                    return await state.Http.SendAsync(message, HttpCompletionOption.ResponseContentRead, ct).ConfigureAwait(false);
                },
                (Http: _http, Request: request),
                cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (e is HttpRequestException or Polly.Timeout.TimeoutRejectedException
            || (e is OperationCanceledException && !cancellationToken.IsCancellationRequested))
        {
            LogUnreachable(_logger, operation, e.GetType().Name);
            throw new ControlApiException(operation, null, "Unreachable", $"No answer from the control API at {_http.BaseAddress}: {e.Message}", innerException: e);
        }

        if (response.IsSuccessStatusCode)
        {
            return response;
        }

        using (response)
        {
            var problem = await ProblemReader.ReadAsync(response, cancellationToken).ConfigureAwait(false);
            LogRefused(_logger, operation, (int)response.StatusCode, problem.Title ?? response.ReasonPhrase ?? "");
            throw new ControlApiException(operation, response.StatusCode, problem.Title ?? response.ReasonPhrase, problem.Detail, problem.Errors, problem.TraceId);
        }
    }

    [LoggerMessage(EventId = 3700, Level = LogLevel.Warning, Message = "Control API {Operation}: no answer after retries ({Failure})")]
    private static partial void LogUnreachable(ILogger logger, string operation, string failure);

    [LoggerMessage(EventId = 3701, Level = LogLevel.Warning, Message = "Control API {Operation} refused: {Status} {Title}")]
    private static partial void LogRefused(ILogger logger, string operation, int status, string title);
}
