using System.Net;
using WarmTransfer.ControlApi.Tests.TestSupport;

namespace WarmTransfer.ControlApi.Tests.Transfers;

public sealed class TransferIdempotencyTests
{
    [Fact]
    public async Task Start_SameKeyTwice_OneTransferAndTheSameAnswer()
    {
        await using var liveKit = await FakeLiveKitServer.StartAsync();
        await using var api = await ControlApiHost.StartAsync(liveKit);
        var call = await CallScenario.StartAsync(api, liveKit);
        var body = new { callRoom = call.Room, toAgent = "bob", notes = "VIP" };

        var (firstStatus, first, firstResponse) = await call.Alice.PostAsync("/api/transfers", body, "key-1");
        var (secondStatus, second, secondResponse) = await call.Alice.PostAsync("/api/transfers", body, "key-1");

        Assert.Equal(HttpStatusCode.Created, firstStatus);
        Assert.Equal(HttpStatusCode.Created, secondStatus);
        Assert.Equal(first.GetRawText(), second.GetRawText());
        Assert.Equal(firstResponse.Headers.Location, secondResponse.Headers.Location);
        Assert.False(firstResponse.Headers.Contains("Idempotent-Replayed"));
        Assert.Equal("true", secondResponse.Headers.GetValues("Idempotent-Replayed").Single());
        var (_, list, _) = await call.Alice.GetJsonAsync("/api/transfers");
        Assert.Equal(1, list.GetArrayLength());
        Assert.Single(liveKit.Dispatches, d => d.Metadata.Contains("\"handoff\"", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Start_SameKeyConcurrently_ExactlyOneTransfer()
    {
        await using var liveKit = await FakeLiveKitServer.StartAsync();
        await using var api = await ControlApiHost.StartAsync(liveKit);
        var call = await CallScenario.StartAsync(api, liveKit);
        var body = new { callRoom = call.Room, toAgent = "bob" };

        var results = await Task.WhenAll(Enumerable.Range(0, 6).Select(_ => call.Alice.PostAsync("/api/transfers", body, "same-key")));

        Assert.All(results, r => Assert.Contains(r.Status, new[] { HttpStatusCode.Created, HttpStatusCode.Conflict }));
        var created = results.Where(r => r.Status == HttpStatusCode.Created).Select(r => r.Body.Str("id")).Distinct().ToList();
        Assert.Single(created);
        var (_, list, _) = await call.Alice.GetJsonAsync("/api/transfers");
        Assert.Equal(created, list.EnumerateArray().Select(t => t.Str("id")));
        Assert.Single(liveKit.Dispatches, d => d.Metadata.Contains("\"handoff\"", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Start_SameKeyDifferentRequest_Is422()
    {
        await using var liveKit = await FakeLiveKitServer.StartAsync();
        await using var api = await ControlApiHost.StartAsync(liveKit);
        var call = await CallScenario.StartAsync(api, liveKit);

        await call.Alice.PostAsync("/api/transfers", new { callRoom = call.Room, toAgent = "bob" }, "key-2");
        var (status, problem, _) = await call.Alice.PostAsync("/api/transfers", new { callRoom = call.Room, toAgent = "carol" }, "key-2");

        Assert.Equal(HttpStatusCode.UnprocessableEntity, status);
        Assert.Contains("different request", problem.Str("detail"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Accept_RetriedWithSameKey_ReturnsTheFirstAcceptance()
    {
        await using var liveKit = await FakeLiveKitServer.StartAsync();
        liveKit.SupportsMove = false;
        await using var api = await ControlApiHost.StartAsync(liveKit);
        var call = await CallScenario.StartAsync(api, liveKit);
        var id = (await call.StartTransferAsync()).Str("id");

        var (first, accepted, _) = await call.Bob.PostAsync($"/api/transfers/{id}/accept", null, "accept-1");
        var (retry, replayed, _) = await call.Bob.PostAsync($"/api/transfers/{id}/accept", null, "accept-1");
        var (fresh, conflict, _) = await call.Bob.PostAsync($"/api/transfers/{id}/accept", null, "accept-2");

        Assert.Equal(HttpStatusCode.OK, first);
        Assert.Equal(HttpStatusCode.OK, retry);
        Assert.Equal(accepted.Str("token"), replayed.Str("token"));
        Assert.Equal(HttpStatusCode.Conflict, fresh);
        Assert.Equal("Accepted", conflict.Str("state"));
    }

    [Fact]
    public async Task Start_KeysAreScopedPerAgent()
    {
        await using var liveKit = await FakeLiveKitServer.StartAsync();
        await using var api = await ControlApiHost.StartAsync(liveKit);
        var aliceCall = await CallScenario.StartAsync(api, liveKit);
        var (_, call, _) = await api.Client.PostAsync("/api/calls");
        using var carol = await api.LoginAsync("carol");
        await carol.PostAsync("/api/tokens/agent", new { room = call.Str("room") });

        var (aliceStatus, _, _) = await aliceCall.Alice.PostAsync("/api/transfers", new { callRoom = aliceCall.Room, toAgent = "bob" }, "shared");
        var (carolStatus, _, _) = await carol.PostAsync("/api/transfers", new { callRoom = call.Str("room"), toAgent = "bob" }, "shared");

        Assert.Equal(HttpStatusCode.Created, aliceStatus);
        Assert.Equal(HttpStatusCode.Created, carolStatus);
    }

    [Fact]
    public async Task Start_MalformedKey_Is400()
    {
        await using var liveKit = await FakeLiveKitServer.StartAsync();
        await using var api = await ControlApiHost.StartAsync(liveKit);
        var call = await CallScenario.StartAsync(api, liveKit);

        var (status, problem, _) = await call.Alice.PostAsync("/api/transfers", new { callRoom = call.Room, toAgent = "bob" }, new string('k', 300));

        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.True(problem.GetProperty("errors").TryGetProperty("Idempotency-Key", out _));
    }
}
