using System.Net;
using System.Net.Sockets;
using System.Text.Json;
using Microsoft.Extensions.Options;
using WarmTransfer.TransferAgent.ControlPlane;
using WarmTransfer.TransferAgent.Summaries;
using WarmTransfer.TransferAgent.Tests.TestSupport;

namespace WarmTransfer.TransferAgent.Tests.ControlPlane;

/// <summary>The control API client against a Kestrel fake on loopback: paths, bodies, the bearer key, retries and problem details.</summary>
public sealed class ControlPlaneClientTests : IAsyncLifetime
{
    private const string Key = "worker-key-for-tests-0123";
    private FakeAiServer _server = null!;

    public async Task InitializeAsync() => _server = await FakeAiServer.StartAsync();

    public async Task DisposeAsync() => await _server.DisposeAsync();

    private ControlPlaneClient Client(Action<ControlApiOptions>? configure = null)
    {
        var options = new ControlApiOptions { Url = _server.BaseAddress.ToString(), ApiKey = Key, RetryDelay = TimeSpan.FromMilliseconds(10) };
        configure?.Invoke(options);
        return new ControlPlaneClient(new HttpClient(), Options.Create(options));
    }

    /// <summary>A context body exactly as the control API serialises it (web JSON defaults, enums as strings).</summary>
    internal const string ContextJson = """
        {"transferId":"T-42","state":"Briefing","callRoom":"call-1","handoffRoom":"handoff-T-42",
         "fromAgent":"agent-a","fromAgentName":"Alice","toAgent":"agent-b","toAgentName":"Bob","caller":"caller-7",
         "notes":"Verified both charges.","summary":null,
         "transcript":[
           {"room":"call-1","segmentId":"s2","speaker":"caller-7","speakerRole":"caller","text":"my account number is four seven one two","final":true,"startMs":4000,"endMs":6000,"at":"2025-01-01T10:00:06Z"},
           {"room":"call-1","segmentId":"s1","speaker":"agent-a","speakerRole":"agent","text":"how can i help","final":true,"startMs":1000,"endMs":2000,"at":"2025-01-01T10:00:02Z"},
           {"room":"call-1","segmentId":"s3","speaker":"caller-7","speakerRole":"caller","text":"i was char","final":false,"startMs":7000,"endMs":null,"at":"2025-01-01T10:00:07Z"}]}
        """;

    [Fact]
    public async Task GetTransferContextAsync_ContextServed_ParsedWithBearerKey()
    {
        _server.Respond = (_, _, _) => FakeResponse.Json(ContextJson);

        var context = await Client().GetTransferContextAsync("T-42");

        var request = Assert.Single(_server.Requests);
        Assert.Equal("GET", request.Method);
        Assert.Equal("/api/worker/transfers/T-42/context", request.Path);
        Assert.Equal("Bearer " + Key, request.Header("Authorization"));
        Assert.Equal(TransferStates.Briefing, context.State);
        Assert.Equal("agent-b", context.ToAgent);
        Assert.Equal(3, context.Transcript!.Count);
        var summaryInput = context.ToSummaryContext();
        Assert.Equal("Verified both charges.", summaryInput.Notes);
        Assert.Equal("Alice", summaryInput.FromAgent);
        // Final lines only, in call order, labelled by role.
        Assert.Collection(
            summaryInput.Transcript,
            l => Assert.Equal((TranscriptSpeaker.Agent, "how can i help"), (l.Speaker, l.Text)),
            l => Assert.Equal((TranscriptSpeaker.Caller, "my account number is four seven one two"), (l.Speaker, l.Text)));
    }

    [Fact]
    public async Task PostSummaryAndEventAndTranscript_Sent_BodiesAreTheControlApisShape()
    {
        _server.Respond = (path, _, _) => path.EndsWith("/transcripts", StringComparison.Ordinal) ? new FakeResponse(202, [], "text/plain") : new FakeResponse(204, [], "text/plain");
        var client = Client();

        await client.PostSummaryAsync("T 1/x", new SummaryPost("Caller John needs a refund.", "extractive", "extractive-v1"));
        await client.PostEventAsync("T-1", new WorkerEvent(WorkerEventTypes.BriefingStarted, new string('x', 3000)));
        await client.PostTranscriptAsync("call-1", [new TranscriptSegment("seg-1", "caller-7", "hello", Final: true, StartMs: 10, EndMs: 900)]);

        var requests = _server.Requests;
        // Escaped as one path segment (Kestrel decodes all but the slash).
        Assert.Equal("/api/worker/transfers/T 1%2Fx/summary", requests[0].Path);
        using (var summary = JsonDocument.Parse(requests[0].Body))
        {
            Assert.Equal("Caller John needs a refund.", summary.RootElement.GetProperty("text").GetString());
            Assert.Equal("extractive", summary.RootElement.GetProperty("provider").GetString());
        }

        using (var ev = JsonDocument.Parse(requests[1].Body))
        {
            Assert.Equal("briefing_started", ev.RootElement.GetProperty("type").GetString());
            // Cut to what the API accepts rather than refused as a whole.
            Assert.Equal(WorkerEventTypes.MaxDetailLength, ev.RootElement.GetProperty("detail").GetString()!.Length);
        }

        using var transcript = JsonDocument.Parse(requests[2].Body);
        Assert.Equal("/api/worker/transcripts", requests[2].Path);
        Assert.Equal("call-1", transcript.RootElement.GetProperty("room").GetString());
        var segment = transcript.RootElement.GetProperty("segments")[0];
        Assert.Equal("seg-1", segment.GetProperty("id").GetString());
        Assert.Equal("caller-7", segment.GetProperty("speaker").GetString());
        Assert.True(segment.GetProperty("final").GetBoolean());
        Assert.Equal(900, segment.GetProperty("endMs").GetInt64());
    }

    [Fact]
    public async Task PostEventAsync_ServiceUnavailableThenAccepted_RetriedUntilAccepted()
    {
        _server.Respond = (_, attempt, _) => attempt < 3
            ? FakeResponse.Error(503, "{}", new Dictionary<string, string> { ["Retry-After"] = "0" })
            : new FakeResponse(204, [], "text/plain");

        await Client().PostEventAsync("T-9", new WorkerEvent(WorkerEventTypes.BriefingSpoken));

        Assert.Equal(3, _server.Count("/api/worker/transfers/T-9/events"));
    }

    [Fact]
    public async Task PostSummaryAsync_ValidationProblem_TypedExceptionWithFieldErrorsAndNoRetry()
    {
        _server.Respond = (_, _, _) => new FakeResponse(400, System.Text.Encoding.UTF8.GetBytes("""
            {"type":"https://tools.ietf.org/html/rfc9110#section-15.5.1","title":"The request is not valid","status":400,
             "errors":{"text":["'text' is required (at most 20000 characters)."]},"traceId":"00-abc-01"}
            """), "application/problem+json");

        var e = await Assert.ThrowsAsync<ControlApiException>(() => Client().PostSummaryAsync("T-3", new SummaryPost(" ")));

        Assert.Equal(HttpStatusCode.BadRequest, e.StatusCode);
        Assert.False(e.IsTransient);
        Assert.Equal("The request is not valid", e.Title);
        Assert.Equal("00-abc-01", e.TraceId);
        Assert.Equal(["'text' is required (at most 20000 characters)."], e.Errors["text"]);
        Assert.Contains("text: 'text' is required", e.Message, StringComparison.Ordinal);
        Assert.Equal(1, _server.Count("/api/worker/transfers/T-3/summary"));
    }

    [Fact]
    public async Task GetRoomAsync_UnknownRoom_Null_KnownRoom_Parsed()
    {
        _server.Respond = (path, _, _) => path.EndsWith("/known", StringComparison.Ordinal)
            ? FakeResponse.Json("""{"name":"known","kind":"Call","caller":"caller-1","agent":"agent-a","transferId":null,"createdAt":"2025-01-01T10:00:00Z","numParticipants":null}""")
            : new FakeResponse(404, System.Text.Encoding.UTF8.GetBytes("""{"title":"Not found","status":404,"detail":"Room 'x' is not known."}"""), "application/problem+json");
        var client = Client();

        Assert.Null(await client.GetRoomAsync("unknown"));
        var room = await client.GetRoomAsync("known");

        Assert.Equal(("Call", "caller-1", "agent-a"), (room!.Kind, room.Caller, room.Agent));
    }

    [Fact]
    public async Task GetTransferContextAsync_NoAnswerWithinAttemptTimeout_RetriedThenUnreachable()
    {
        _server.Respond = (_, _, _) => FakeResponse.NoAnswer();

        var e = await Assert.ThrowsAsync<ControlApiException>(() => Client(o => { o.AttemptTimeout = TimeSpan.FromMilliseconds(300); o.MaxRetries = 1; })
            .GetTransferContextAsync("T-5"));

        Assert.Null(e.StatusCode);
        Assert.True(e.IsTransient);
        Assert.Equal(2, _server.Count("/api/worker/transfers/T-5/context"));
    }

    [Fact]
    public async Task PostEventAsync_NothingListening_UnreachableAfterRetries()
    {
        int port;
        using (var listener = new TcpListener(IPAddress.Loopback, 0))
        {
            listener.Start();
            port = ((IPEndPoint)listener.LocalEndpoint).Port;
        }

        var client = new ControlPlaneClient(new HttpClient(), Options.Create(new ControlApiOptions
        {
            Url = $"http://127.0.0.1:{port}",
            ApiKey = Key,
            MaxRetries = 2,
            RetryDelay = TimeSpan.FromMilliseconds(10),
        }));

        var e = await Assert.ThrowsAsync<ControlApiException>(() => client.PostEventAsync("T-1", new WorkerEvent(WorkerEventTypes.WorkerError)));

        Assert.Null(e.StatusCode);
        Assert.IsType<HttpRequestException>(e.InnerException);
        Assert.Contains("No answer from the control API", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Requests_CancelledByCaller_CancellationNotReportedAsUnreachable()
    {
        _server.Respond = (_, _, _) => FakeResponse.NoAnswer();
        using var cts = new CancellationTokenSource(TimeSpan.FromMilliseconds(200));

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => Client().GetTransferContextAsync("T-6", cts.Token));
    }
}
