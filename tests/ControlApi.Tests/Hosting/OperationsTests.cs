using System.Net;
using WarmTransfer.ControlApi.Tests.TestSupport;

namespace WarmTransfer.ControlApi.Tests.Hosting;

public sealed class OperationsTests
{
    [Fact]
    public async Task HealthAndReady_WithLiveKitUp_Are200()
    {
        await using var liveKit = await FakeLiveKitServer.StartAsync();
        await using var api = await ControlApiHost.StartAsync(liveKit);

        var health = await api.Client.GetAsync("/health");
        var (ready, body, _) = await api.Client.GetJsonAsync("/ready");

        Assert.Equal(HttpStatusCode.OK, health.StatusCode);
        Assert.Equal(HttpStatusCode.OK, ready);
        Assert.Equal("Healthy", body.GetProperty("checks").GetProperty("store").Str("status"));
        Assert.Equal("Healthy", body.GetProperty("checks").GetProperty("livekit").Str("status"));
    }

    [Fact]
    public async Task Ready_LiveKitDown_Is503NamingLiveKit_HealthStays200()
    {
        await using var liveKit = await FakeLiveKitServer.StartAsync();
        await using var api = await ControlApiHost.StartAsync(liveKit, new Dictionary<string, string?> { ["LIVEKIT_URL"] = "ws://127.0.0.1:9" });

        var health = await api.Client.GetAsync("/health");
        var (ready, body, _) = await api.Client.GetJsonAsync("/ready");

        Assert.Equal(HttpStatusCode.OK, health.StatusCode);
        Assert.Equal(HttpStatusCode.ServiceUnavailable, ready);
        Assert.Equal("Healthy", body.GetProperty("checks").GetProperty("store").Str("status"));
        Assert.Contains("unreachable", body.GetProperty("checks").GetProperty("livekit").Str("description"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Docs_OpenApiDocumentAndReferencePage_AreServed()
    {
        await using var liveKit = await FakeLiveKitServer.StartAsync();
        await using var api = await ControlApiHost.StartAsync(liveKit);

        var (status, document, _) = await api.Client.GetJsonAsync("/openapi/v1.json");
        var page = await api.Client.GetAsync("/docs");

        Assert.Equal(HttpStatusCode.OK, status);
        var paths = document.GetProperty("paths");
        foreach (var path in new[] { "/api/transfers", "/api/transfers/{id}/accept", "/api/tokens/agent", "/api/calls", "/api/events", "/api/worker/transcripts", "/token", "/transfer" })
        {
            Assert.True(paths.TryGetProperty(path, out _), $"the OpenAPI document lacks {path}");
        }

        var accept = paths.GetProperty("/api/transfers/{id}/accept").GetProperty("post");
        Assert.Contains(accept.GetProperty("parameters").EnumerateArray(), p => p.Str("name") == "Idempotency-Key" && p.Str("in") == "header");
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.Contains("text/html", page.Content.Headers.ContentType?.MediaType, StringComparison.Ordinal);
    }

    [Fact]
    public async Task TokenEndpoints_OverBudget_Are429WithRetryAfter()
    {
        await using var liveKit = await FakeLiveKitServer.StartAsync();
        await using var api = await ControlApiHost.StartAsync(liveKit, new Dictionary<string, string?>
        {
            ["RateLimits:TokensBurst"] = "3",
            ["RateLimits:TokensPerSecond"] = "1",
        });

        var statuses = new List<HttpStatusCode>();
        HttpResponseMessage? limited = null;
        for (var i = 0; i < 6; i++)
        {
            var (status, _, response) = await api.Client.PostAsync("/token", new { identity = "caller-1", room = "r1" });
            statuses.Add(status);
            limited = status == HttpStatusCode.TooManyRequests ? response : limited;
        }

        Assert.Contains(HttpStatusCode.TooManyRequests, statuses);
        Assert.True(statuses.Count(s => s == HttpStatusCode.OK) >= 3);
        Assert.True(limited!.Headers.RetryAfter is not null);
        Assert.Equal("application/problem+json", limited.Content.Headers.ContentType?.MediaType);
    }
}
