using System.Net;
using WarmTransfer.ControlApi.Tests.TestSupport;

namespace WarmTransfer.ControlApi.Tests.Hosting;

/// <summary>Bad input gets a specific problem-details answer and never disturbs anything else.</summary>
public sealed class RequestErrorTests
{
    [Fact]
    public async Task Post_MalformedJson_Is400ProblemSayingWhere()
    {
        await using var liveKit = await FakeLiveKitServer.StartAsync();
        await using var api = await ControlApiHost.StartAsync(liveKit);
        using var alice = await api.LoginAsync("alice");

        var (status, problem, response) = await alice.PostRawAsync("/api/transfers", """{"callRoom": "r1", "toAgent": """);

        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal("Malformed request", problem.Str("title"));
        Assert.Contains("StartTransferRequest", problem.Str("detail"), StringComparison.Ordinal);
        Assert.Contains("LineNumber", problem.Str("detail"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Post_WrongJsonType_Is400NamingThePath()
    {
        await using var liveKit = await FakeLiveKitServer.StartAsync();
        await using var api = await ControlApiHost.StartAsync(liveKit);
        using var alice = await api.LoginAsync("alice");

        var (status, problem, _) = await alice.PostRawAsync("/api/transfers", """{"callRoom": 42, "toAgent": "bob"}""");

        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Contains("$.callRoom", problem.Str("detail"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Post_MissingFields_Is400ValidationProblemPerField()
    {
        await using var liveKit = await FakeLiveKitServer.StartAsync();
        await using var api = await ControlApiHost.StartAsync(liveKit);
        using var alice = await api.LoginAsync("alice");

        var (status, problem, _) = await alice.PostRawAsync("/api/transfers", "{}");

        Assert.Equal(HttpStatusCode.BadRequest, status);
        var errors = problem.GetProperty("errors");
        Assert.Contains("'callRoom' is required", errors.GetProperty("callRoom")[0].GetString(), StringComparison.Ordinal);
        Assert.Contains("'toAgent' is required", errors.GetProperty("toAgent")[0].GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Post_OversizedBody_Is413Problem_AndTheApiKeepsServing()
    {
        await using var liveKit = await FakeLiveKitServer.StartAsync();
        await using var api = await ControlApiHost.StartAsync(liveKit, new Dictionary<string, string?> { ["Api:MaxRequestBodyBytes"] = "4096" });
        using var alice = await api.LoginAsync("alice");
        var notes = new string('x', 10_000);

        var (status, problem, _) = await alice.PostAsync("/api/transfers", new { callRoom = "r1", toAgent = "bob", notes });
        var (after, _, _) = await alice.GetJsonAsync("/api/transfers");

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, status);
        Assert.Equal(413, problem.GetProperty("status").GetInt32());
        Assert.Equal("Request body too large", problem.Str("title"));
        Assert.Equal(HttpStatusCode.OK, after);
    }

    [Fact]
    public async Task Post_NotJson_Is415Problem()
    {
        await using var liveKit = await FakeLiveKitServer.StartAsync();
        await using var api = await ControlApiHost.StartAsync(liveKit);
        using var alice = await api.LoginAsync("alice");

        var (status, problem, _) = await alice.PostRawAsync("/api/transfers", "callRoom=r1", "text/plain");

        Assert.Equal(HttpStatusCode.UnsupportedMediaType, status);
        Assert.Contains("application/json", problem.Str("detail"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Post_NotesTooLong_Is400()
    {
        await using var liveKit = await FakeLiveKitServer.StartAsync();
        await using var api = await ControlApiHost.StartAsync(liveKit);
        using var alice = await api.LoginAsync("alice");

        var (status, problem, _) = await alice.PostAsync("/api/transfers", new { callRoom = "r1", toAgent = "bob", notes = new string('n', 2001) });

        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Contains("longer than 2000", problem.GetProperty("errors").GetProperty("notes")[0].GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task UnknownRoute_Is404Problem()
    {
        await using var liveKit = await FakeLiveKitServer.StartAsync();
        await using var api = await ControlApiHost.StartAsync(liveKit);

        var (status, problem, response) = await api.Client.GetJsonAsync("/api/nothing-here");

        Assert.Equal(HttpStatusCode.NotFound, status);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal(404, problem.GetProperty("status").GetInt32());
    }
}
