using System.Net;
using WarmTransfer.ControlApi.Tests.TestSupport;

namespace WarmTransfer.ControlApi.Tests.Worker;

public sealed class WorkerApiTests
{
    [Fact]
    public async Task WorkerEndpoints_WithoutOrWithWrongKey_Are401_AgentSessionToo()
    {
        await using var liveKit = await FakeLiveKitServer.StartAsync();
        await using var api = await ControlApiHost.StartAsync(liveKit);
        using var wrong = api.NewClient();
        wrong.DefaultRequestHeaders.Authorization = new("Bearer", "not-the-key");
        using var alice = await api.LoginAsync("alice");

        var (none, _, response) = await api.Client.GetJsonAsync("/api/worker/transfers/abc/context");
        var (bad, _, _) = await wrong.GetJsonAsync("/api/worker/transfers/abc/context");
        var (agent, _, _) = await alice.GetJsonAsync("/api/worker/transfers/abc/context");
        var (worker, _, _) = await api.Worker().GetJsonAsync("/api/worker/transfers/abc/context");

        Assert.Equal(HttpStatusCode.Unauthorized, none);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal(HttpStatusCode.Unauthorized, bad);
        Assert.Equal(HttpStatusCode.Unauthorized, agent);
        Assert.Equal(HttpStatusCode.NotFound, worker);
    }

    [Fact]
    public async Task Transcript_PushedLiveToTheCallsAgent_AndInTheTransferContext()
    {
        await using var liveKit = await FakeLiveKitServer.StartAsync();
        await using var api = await ControlApiHost.StartAsync(liveKit);
        var call = await CallScenario.StartAsync(api, liveKit);
        await using var aliceEvents = await EventStreamReader.OpenAsync(call.Alice, "/api/events");
        await aliceEvents.NextOfAsync("ready");
        using var worker = api.Worker();

        var (posted, _, _) = await worker.PostAsync("/api/worker/transcripts", new
        {
            room = call.Room,
            segments = new object[]
            {
                new { id = "seg-1", speaker = call.Caller, text = "My parcel never arrived.", final = true, startMs = 0, endMs = 1800 },
                new { id = "seg-2", speaker = "alice", text = "Let me check", final = false },
            },
        });
        var line = await aliceEvents.NextOfAsync("transcript.line");
        var interim = await aliceEvents.NextOfAsync("transcript.line");
        var transfer = await call.StartTransferAsync(notes: "Parcel 123");
        var (_, context, _) = await worker.GetJsonAsync($"/api/worker/transfers/{transfer.Str("id")}/context");

        Assert.Equal(HttpStatusCode.Accepted, posted);
        Assert.Equal("My parcel never arrived.", line.Data.Str("text"));
        Assert.Equal("caller", line.Data.Str("speakerRole"));
        Assert.NotNull(line.Id);
        Assert.False(interim.Data.GetProperty("final").GetBoolean());
        Assert.Null(interim.Id);
        Assert.Equal("Parcel 123", context.Str("notes"));
        Assert.Equal(call.Caller, context.Str("caller"));
        Assert.Equal("Alice", context.Str("fromAgentName"));
        var only = Assert.Single(context.GetProperty("transcript").EnumerateArray());
        Assert.Equal("seg-1", only.Str("segmentId"));
        Assert.Equal(1800, only.GetProperty("endMs").GetInt64());
    }

    [Fact]
    public async Task SummaryAndEvents_StoredOnTheTransferAndPushedToBothAgents()
    {
        await using var liveKit = await FakeLiveKitServer.StartAsync();
        await using var api = await ControlApiHost.StartAsync(liveKit);
        var call = await CallScenario.StartAsync(api, liveKit);
        var id = (await call.StartTransferAsync()).Str("id");
        await using var bobEvents = await EventStreamReader.OpenAsync(call.Bob, "/api/events");
        using var worker = api.Worker();

        var (summary, _, _) = await worker.PostAsync($"/api/worker/transfers/{id}/summary", new { text = "Parcel lost; caller wants a refund.", provider = "openai", model = "gpt-4o-mini" });
        var (spoken, _, _) = await worker.PostAsync($"/api/worker/transfers/{id}/events", new { type = "briefing_spoken" });
        var (fallback, _, _) = await worker.PostAsync($"/api/worker/transfers/{id}/events", new { type = "provider_fallback", detail = "openai -> extractive" });
        var (unknown, problem, _) = await worker.PostAsync($"/api/worker/transfers/{id}/events", new { type = "made_up" });

        Assert.Equal(HttpStatusCode.NoContent, summary);
        Assert.Equal(HttpStatusCode.NoContent, spoken);
        Assert.Equal(HttpStatusCode.NoContent, fallback);
        Assert.Equal(HttpStatusCode.BadRequest, unknown);
        Assert.Contains("briefing_started", problem.GetProperty("errors").GetProperty("type")[0].GetString(), StringComparison.Ordinal);
        var pushed = await bobEvents.NextOfAsync("transfer.summary");
        Assert.Equal("Parcel lost; caller wants a refund.", pushed.Data.Str("summary"));
        Assert.Equal("openai", pushed.Data.Str("provider"));
        Assert.Equal("briefing_spoken", (await bobEvents.NextOfAsync("transfer.activity")).Data.Str("type"));
        var stored = await call.GetTransferAsync(id);
        Assert.Equal("Parcel lost; caller wants a refund.", stored.Str("summary"));
        Assert.Equal(["briefing_spoken", "provider_fallback"], stored.GetProperty("activity").EnumerateArray().Select(a => a.Str("type")));
    }

    [Fact]
    public async Task AgentJoinedEvent_DisarmsTheJoinTimer()
    {
        await using var liveKit = await FakeLiveKitServer.StartAsync();
        liveKit.WebhookTarget = new Uri("http://127.0.0.1:9/unreachable");
        await using var api = await ControlApiHost.StartAsync(liveKit, new Dictionary<string, string?> { ["Transfers:BriefingTimeout"] = "00:02:00" });
        var call = await CallScenario.StartAsync(api, liveKit);
        var id = (await call.StartTransferAsync()).Str("id");

        await api.Worker().PostAsync($"/api/worker/transfers/{id}/events", new { type = "agent_joined" });
        api.Time.Advance(TimeSpan.FromSeconds(61));
        api.Time.Advance(TimeSpan.FromSeconds(60));
        await liveKit.WaitForSignalAsync(call.Room, "TimedOut");

        Assert.Equal("the briefing did not finish within 2 min", (await call.GetTransferAsync(id)).Str("reason"));
        Assert.DoesNotContain("ListParticipants", liveKit.Calls);
    }

    [Fact]
    public async Task Transcript_Invalid_Is400PerSegment_UnknownRoom_Is404()
    {
        await using var liveKit = await FakeLiveKitServer.StartAsync();
        await using var api = await ControlApiHost.StartAsync(liveKit);
        using var worker = api.Worker();

        var (invalid, problem, _) = await worker.PostAsync("/api/worker/transcripts", new { room = "r1", segments = new[] { new { id = "", speaker = "bad speaker", text = "x" } } });
        var (unknown, _, _) = await worker.PostAsync("/api/worker/transcripts", new { room = "r1", segments = new[] { new { id = "1", speaker = "caller-1", text = "hi" } } });

        Assert.Equal(HttpStatusCode.BadRequest, invalid);
        var errors = problem.GetProperty("errors");
        Assert.True(errors.TryGetProperty("segments[0].id", out _));
        Assert.True(errors.TryGetProperty("segments[0].speaker", out _));
        Assert.Equal(HttpStatusCode.NotFound, unknown);
    }

    [Fact]
    public async Task RetentionOff_TranscriptServedFromMemoryOnly_NotInTheDatabase()
    {
        await using var liveKit = await FakeLiveKitServer.StartAsync();
        await using var api = await ControlApiHost.StartAsync(liveKit, new Dictionary<string, string?> { ["Transcripts:Retention"] = "Off" });
        var call = await CallScenario.StartAsync(api, liveKit);
        using var worker = api.Worker();
        await worker.PostAsync("/api/worker/transcripts", new { room = call.Room, segments = new[] { new { id = "1", speaker = call.Caller, text = "Secret account details" } } });
        var id = (await call.StartTransferAsync()).Str("id");

        var (_, context, _) = await worker.GetJsonAsync($"/api/worker/transfers/{id}/context");

        Assert.Equal("Secret account details", context.GetProperty("transcript")[0].Str("text"));
        await using var connection = new Microsoft.Data.Sqlite.SqliteConnection($"Data Source={api.DatabasePath};Mode=ReadOnly");
        await connection.OpenAsync();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT (SELECT COUNT(*) FROM transcript_segments) + (SELECT COUNT(*) FROM agent_events WHERE data LIKE '%Secret account%')";
        Assert.Equal(0L, (long)(await command.ExecuteScalarAsync())!);
    }
}
