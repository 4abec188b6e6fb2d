using System.Net;
using System.Text.Json;
using LiveKit.Api;
using LiveKit.Proto;
using WarmTransfer.ControlApi.Tests.TestSupport;

namespace WarmTransfer.ControlApi.Tests.Seed;

/// <summary>The seed project's requests get answers of the documented shape (exact field names), and do real work.</summary>
public sealed class SeedApiTests
{
    private static readonly TokenVerifier Verifier = new(FakeLiveKitServer.ApiKey, FakeLiveKitServer.ApiSecret);

    [Fact]
    public async Task Token_IdentityAndRoom_ReturnsTokenAndWsUrl()
    {
        await using var liveKit = await FakeLiveKitServer.StartAsync();
        await using var api = await ControlApiHost.StartAsync(liveKit);

        var (status, body, _) = await api.Client.PostAsync("/token", new { identity = "caller-7", room = "support-1" });
        var (agentStatus, agentBody, _) = await api.Client.PostAsync("/token", new { identity = "alice", room = "support-1" });

        Assert.Equal(HttpStatusCode.OK, status);
        AssertFields(body, "token", "wsUrl", "identity", "room");
        Assert.Equal(liveKit.Url, body.Str("wsUrl"));
        var caller = Verifier.VerifyForJoin(body.Str("token"));
        Assert.Equal("caller-7", caller.Identity);
        Assert.Equal("support-1", caller.Video!.Room);
        Assert.False(caller.Video.CanPublishSource(TrackSource.Camera));
        Assert.Equal(HttpStatusCode.OK, agentStatus);
        Assert.True(Verifier.VerifyForJoin(agentBody.Str("token")).Video!.EffectiveCanPublishData);
    }

    [Fact]
    public async Task Token_MissingIdentity_Is400NamingIt()
    {
        await using var liveKit = await FakeLiveKitServer.StartAsync();
        await using var api = await ControlApiHost.StartAsync(liveKit);

        var (status, problem, _) = await api.Client.PostAsync("/token", new { room = "support-1" });

        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.True(problem.GetProperty("errors").TryGetProperty("identity", out _));
    }

    [Fact]
    public async Task CreateRoomAndListRooms_ReturnRoomNamesAndCounts()
    {
        await using var liveKit = await FakeLiveKitServer.StartAsync();
        await using var api = await ControlApiHost.StartAsync(liveKit);

        var (created, room, _) = await api.Client.PostAsync("/create-room", new { room = "support-9" });
        var (duplicate, _, _) = await api.Client.PostAsync("/create-room", new { room = "support-9" });
        liveKit.Join("support-9", "caller-1");
        var (listed, list, _) = await api.Client.PostAsync("/list-rooms", new { });

        Assert.Equal(HttpStatusCode.OK, created);
        AssertFields(room, "room", "wsUrl");
        Assert.Equal("support-9", room.Str("room"));
        Assert.Equal(HttpStatusCode.Conflict, duplicate);
        Assert.Equal($$"""{"kind":"call","callRoom":"support-9"}""", Assert.Single(liveKit.Dispatches).Metadata);
        Assert.Equal(HttpStatusCode.OK, listed);
        var entry = Assert.Single(list.GetProperty("rooms").EnumerateArray());
        AssertFields(entry, "room", "name", "numParticipants", "createdAt");
        Assert.Equal("support-9", entry.Str("room"));
        Assert.Equal(1, entry.GetProperty("numParticipants").GetInt32());
    }

    [Fact]
    public async Task GenerateSummary_StringOrLines_ReturnsSummary()
    {
        await using var liveKit = await FakeLiveKitServer.StartAsync();
        await using var api = await ControlApiHost.StartAsync(liveKit);
        const string transcript = "caller: Hi, my internet has been down since Monday.\nagent: I'm sorry to hear that.\ncaller: I already restarted the router twice and the light is red.";

        var (status, body, _) = await api.Client.PostAsync("/generate-summary", new { transcript });
        var (linesStatus, lines, _) = await api.Client.PostAsync("/generate-summary", new { transcript = new[] { new { speaker = "caller", text = "My invoice is wrong." } } });
        var (badStatus, problem, _) = await api.Client.PostAsync("/generate-summary", new { transcript = 42 });

        Assert.Equal(HttpStatusCode.OK, status);
        AssertFields(body, "summary");
        Assert.Contains("router", body.Str("summary"), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, linesStatus);
        Assert.Contains("invoice", lines.Str("summary"), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.BadRequest, badStatus);
        Assert.True(problem.GetProperty("errors").TryGetProperty("transcript", out _));
    }

    [Fact]
    public async Task Transfer_ThenMoveCaller_FollowsTheSeedTopologyAndIsRecorded()
    {
        await using var liveKit = await FakeLiveKitServer.StartAsync();
        await using var api = await ControlApiHost.StartAsync(liveKit);
        liveKit.Join("support-3", "caller-3");
        liveKit.Join("support-3", "agentA");

        var (status, body, _) = await api.Client.PostAsync("/transfer", new
        {
            fromRoom = "support-3",
            agentA = "agentA",
            agentB = "agentB",
            transcript = "caller-3: I was double charged for my subscription this month.",
        });

        Assert.Equal(HttpStatusCode.OK, status);
        AssertFields(body, "newRoom", "summary", "agentAToken", "agentBToken", "wsUrl", "transferId");
        var newRoom = body.Str("newRoom");
        Assert.Contains("double charged", body.Str("summary"), StringComparison.Ordinal);
        var a = Verifier.VerifyForJoin(body.Str("agentAToken"));
        var b = Verifier.VerifyForJoin(body.Str("agentBToken"));
        Assert.Equal(("agentA", newRoom), (a.Identity, a.Video!.Room));
        Assert.Equal(("agentB", newRoom), (b.Identity, b.Video!.Room));
        Assert.True(liveKit.HasRoom(newRoom));
        Assert.Contains(liveKit.Dispatches, d => d.Room == newRoom && d.Metadata.Contains("\"handoff\"", StringComparison.Ordinal));
        liveKit.Join(newRoom, "agentA");
        liveKit.Join(newRoom, "agentB");

        var (moved, move, _) = await api.Client.PostAsync("/move-caller", new { identity = "caller-3", fromRoom = "support-3", newRoom });

        Assert.Equal(HttpStatusCode.OK, moved);
        AssertFields(move, "moved", "room", "identity", "token", "wsUrl");
        Assert.True(move.GetProperty("moved").GetBoolean());
        Assert.Contains("caller-3", liveKit.Participants(newRoom));
        Assert.True(liveKit.HasRoom(newRoom));
        using var admin = await api.LoginAsync("admin");
        var (_, transfer, _) = await admin.GetJsonAsync($"/api/transfers/{body.Str("transferId")}");
        Assert.Equal("Completed", transfer.Str("state"));
        Assert.Equal("seed", transfer.Str("origin"));
        Assert.Contains("double charged", transfer.Str("summary"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task MoveCaller_ServerWithoutMove_ReturnsCallerTokenForNewRoom()
    {
        await using var liveKit = await FakeLiveKitServer.StartAsync();
        liveKit.SupportsMove = false;
        await using var api = await ControlApiHost.StartAsync(liveKit);
        liveKit.Join("support-4", "caller-4");
        var (_, transfer, _) = await api.Client.PostAsync("/transfer", new { fromRoom = "support-4", agentA = "agentA", agentB = "agentB" });
        var newRoom = transfer.Str("newRoom");

        var (status, move, _) = await api.Client.PostAsync("/move-caller", new { identity = "caller-4", fromRoom = "support-4", newRoom });

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.False(move.GetProperty("moved").GetBoolean());
        var claims = Verifier.VerifyForJoin(move.Str("token"));
        Assert.Equal("caller-4", claims.Identity);
        Assert.Equal(newRoom, claims.Video!.Room);
        Assert.False(claims.Video.EffectiveCanPublishData);
    }

    [Fact]
    public async Task SeedEndpoints_AnonymousNotAllowed_Require401()
    {
        await using var liveKit = await FakeLiveKitServer.StartAsync();
        await using var api = await ControlApiHost.StartAsync(liveKit, new Dictionary<string, string?> { ["Seed:AllowAnonymous"] = "false" });
        using var alice = await api.LoginAsync("alice");

        var (anonymous, _, _) = await api.Client.PostAsync("/transfer", new { fromRoom = "r", agentA = "alice", agentB = "bob" });
        var (asAgent, _, _) = await alice.PostAsync("/token", new { identity = "caller-1", room = "r" });

        Assert.Equal(HttpStatusCode.Unauthorized, anonymous);
        Assert.Equal(HttpStatusCode.OK, asAgent);
    }

    private static void AssertFields(JsonElement body, params string[] names)
    {
        var actual = body.EnumerateObject().Select(p => p.Name).ToHashSet(StringComparer.Ordinal);
        Assert.True(actual.SetEquals(names), $"fields {string.Join(", ", actual)}; expected {string.Join(", ", names)}");
    }
}
