using System.Net;
using WarmTransfer.ControlApi.Tests.TestSupport;

namespace WarmTransfer.ControlApi.Tests.Events;

public sealed class AgentEventApiTests
{
    [Fact]
    public async Task Stream_ResumedWithLastEventId_ReplaysOnlyWhatWasMissed()
    {
        await using var liveKit = await FakeLiveKitServer.StartAsync();
        await using var api = await ControlApiHost.StartAsync(liveKit);
        var call = await CallScenario.StartAsync(api, liveKit);
        string seen;
        await using (var first = await EventStreamReader.OpenAsync(call.Bob, "/api/events"))
        {
            await first.NextOfAsync("ready");
            await call.StartTransferAsync();
            await first.NextOfAsync("transfer.state", e => e.GetProperty("transfer").Str("state") == "Briefing");
            seen = first.LastEventId!;
        }

        // While bob is away: a summary arrives and the transfer is cancelled.
        var id = (await call.Alice.GetJsonAsync("/api/transfers")).Body[0].Str("id");
        await api.Worker().PostAsync($"/api/worker/transfers/{id}/summary", new { text = "Summary while away" });
        await call.Alice.PostAsync($"/api/transfers/{id}/cancel");

        await using var resumed = await EventStreamReader.OpenAsync(call.Bob, "/api/events", lastEventId: seen);
        var missed = new List<SseEvent>();
        for (var next = await resumed.NextAsync(); next.Type != "ready"; next = await resumed.NextAsync())
        {
            missed.Add(next);
        }

        Assert.Equal(["transfer.summary", "transfer.state"], missed.Select(e => e.Type));
        Assert.Equal("Cancelled", missed[1].Data.GetProperty("transfer").Str("state"));
        Assert.True(missed.Select(e => long.Parse(e.Id!, System.Globalization.CultureInfo.InvariantCulture)).All(n => n > long.Parse(seen, System.Globalization.CultureInfo.InvariantCulture)));
    }

    [Fact]
    public async Task Stream_SessionTokenInQuery_IsAccepted_ElsewhereItIsNot()
    {
        await using var liveKit = await FakeLiveKitServer.StartAsync();
        await using var api = await ControlApiHost.StartAsync(liveKit);
        var session = await api.LoginSessionAsync("carol");
        var token = Uri.EscapeDataString(session.Str("accessToken"));

        await using var stream = await EventStreamReader.OpenAsync(api.Client, $"/api/events?access_token={token}");
        var ready = await stream.NextAsync();
        var (elsewhere, _, _) = await api.Client.GetJsonAsync($"/api/transfers?access_token={token}");

        Assert.Equal("ready", ready.Type);
        Assert.Equal(HttpStatusCode.Unauthorized, elsewhere);
    }

    [Fact]
    public async Task Stream_BadLastEventId_Is400_NoSession_Is401()
    {
        await using var liveKit = await FakeLiveKitServer.StartAsync();
        await using var api = await ControlApiHost.StartAsync(liveKit);
        using var alice = await api.LoginAsync("alice");

        var (bad, problem, _) = await alice.GetJsonAsync("/api/events?lastEventId=abc");
        var (anonymous, _, _) = await api.Client.GetJsonAsync("/api/events");

        Assert.Equal(HttpStatusCode.BadRequest, bad);
        Assert.True(problem.GetProperty("errors").TryGetProperty("lastEventId", out _));
        Assert.Equal(HttpStatusCode.Unauthorized, anonymous);
    }

    [Fact]
    public async Task Agents_ShowWhoseConsoleIsOnline()
    {
        await using var liveKit = await FakeLiveKitServer.StartAsync();
        await using var api = await ControlApiHost.StartAsync(liveKit);
        using var alice = await api.LoginAsync("alice");
        using var bob = await api.LoginAsync("bob");
        await using var bobStream = await EventStreamReader.OpenAsync(bob, "/api/events");
        await bobStream.NextOfAsync("ready");

        var (status, agents, _) = await alice.GetJsonAsync("/api/agents");

        Assert.Equal(HttpStatusCode.OK, status);
        var online = agents.EnumerateArray().ToDictionary(a => a.Str("identity"), a => a.GetProperty("online").GetBoolean());
        Assert.True(online["bob"]);
        Assert.False(online["carol"]);
        Assert.Equal(["admin", "alice", "bob", "carol"], agents.EnumerateArray().Select(a => a.Str("identity")));
    }
}
