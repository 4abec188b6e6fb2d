using System.Net;
using System.Net.Http.Headers;
using WarmTransfer.ControlApi.Tests.TestSupport;

namespace WarmTransfer.ControlApi.Tests.Transfers;

/// <summary>The API is stopped mid-transfer and a new process starts on the same SQLite file: nothing is lost.</summary>
public sealed class TransferRestartTests
{
    [Fact]
    public async Task RestartMidBriefing_TransferSessionsTranscriptAndEventsSurvive()
    {
        await using var liveKit = await FakeLiveKitServer.StartAsync();
        var directory = Directory.CreateTempSubdirectory("wt-control-api-restart-").FullName;
        var first = await ControlApiHost.StartAsync(liveKit, dataDirectory: directory);
        try
        {
            var call = await CallScenario.StartAsync(first, liveKit);
            var transfer = await call.StartTransferAsync(notes: "Wants to upgrade");
            var id = transfer.Str("id");
            using var worker = first.Worker();
            await worker.PostAsync("/api/worker/transcripts", new { room = call.Room, segments = new[] { new { id = "s1", speaker = call.Caller, text = "My router keeps dropping." } } });
            await worker.PostAsync($"/api/worker/transfers/{id}/summary", new { text = "Router drops; wants an upgrade." });
            string lastSeen;
            await using (var bobEvents = await EventStreamReader.OpenAsync(call.Bob, "/api/events"))
            {
                lastSeen = (await bobEvents.NextOfAsync("transfer.summary")).Id!;
            }

            var aliceSession = call.Alice.DefaultRequestHeaders.Authorization!;
            var bobSession = call.Bob.DefaultRequestHeaders.Authorization!;
            await first.DisposeAsync();
            liveKit.WebhookTarget = null;

            await using var second = await ControlApiHost.StartAsync(liveKit, dataDirectory: directory, time: first.Time);
            using var alice = Client(second, aliceSession);
            using var bob = Client(second, bobSession);

            var (status, stored, _) = await alice.GetJsonAsync($"/api/transfers/{id}");
            Assert.Equal(HttpStatusCode.OK, status);
            Assert.Equal("Briefing", stored.Str("state"));
            Assert.Equal("Wants to upgrade", stored.Str("notes"));
            Assert.Equal("Router drops; wants an upgrade.", stored.Str("summary"));
            Assert.Equal(2, stored.GetProperty("history").GetArrayLength());
            var (_, context, _) = await second.Worker().GetJsonAsync($"/api/worker/transfers/{id}/context");
            Assert.Equal("My router keeps dropping.", context.GetProperty("transcript")[0].Str("text"));

            await using var resumed = await EventStreamReader.OpenAsync(bob, "/api/events", lastEventId: lastSeen);
            var (accepted, _, _) = await bob.PostAsync($"/api/transfers/{id}/accept");
            Assert.Equal(HttpStatusCode.OK, accepted);
            var next = await resumed.NextAsync();
            Assert.Equal("ready", next.Type);
            var afterRestart = await resumed.NextAsync();
            Assert.Equal("transfer.state", afterRestart.Type);
            Assert.Equal("Accepted", afterRestart.Data.GetProperty("transfer").Str("state"));
            Assert.True(long.Parse(afterRestart.Id!, System.Globalization.CultureInfo.InvariantCulture) > long.Parse(lastSeen, System.Globalization.CultureInfo.InvariantCulture));

            var (completed, done, _) = await alice.PostAsync($"/api/transfers/{id}/complete");
            Assert.Equal(HttpStatusCode.OK, completed);
            Assert.Equal("Completed", done.Str("state"));
        }
        finally
        {
            ControlApiHost.DeleteDirectory(directory);
        }
    }

    [Fact]
    public async Task DeadlinePassedWhileDown_FiresWhenTheApiComesBack()
    {
        await using var liveKit = await FakeLiveKitServer.StartAsync();
        var directory = Directory.CreateTempSubdirectory("wt-control-api-restart-").FullName;
        var first = await ControlApiHost.StartAsync(liveKit, dataDirectory: directory);
        try
        {
            var call = await CallScenario.StartAsync(first, liveKit);
            var id = (await call.StartTransferAsync()).Str("id");
            var session = call.Alice.DefaultRequestHeaders.Authorization!;
            await first.DisposeAsync();
            liveKit.WebhookTarget = null;
            first.Time.Advance(TimeSpan.FromMinutes(2));

            await using var second = await ControlApiHost.StartAsync(liveKit, dataDirectory: directory, time: first.Time);
            await liveKit.WaitForSignalAsync(call.Room, "TimedOut");

            using var alice = Client(second, session);
            var (_, stored, _) = await alice.GetJsonAsync($"/api/transfers/{id}");
            Assert.Equal("TimedOut", stored.Str("state"));
        }
        finally
        {
            ControlApiHost.DeleteDirectory(directory);
        }
    }

    private static HttpClient Client(ControlApiHost host, AuthenticationHeaderValue session)
    {
        var client = host.NewClient();
        client.DefaultRequestHeaders.Authorization = session;
        return client;
    }
}
