using System.Net;
using LiveKit.Api;
using LiveKit.Proto;
using WarmTransfer.ControlApi.Tests.TestSupport;

namespace WarmTransfer.ControlApi.Tests.Tokens;

public sealed class TokenApiTests
{
    private static readonly TokenVerifier Verifier = new(FakeLiveKitServer.ApiKey, FakeLiveKitServer.ApiSecret);

    [Fact]
    public async Task StartCall_CallerToken_JoinsOwnRoomOnlyWithMicrophoneOnly()
    {
        await using var liveKit = await FakeLiveKitServer.StartAsync();
        await using var api = await ControlApiHost.StartAsync(liveKit);

        var (status, call, _) = await api.Client.PostAsync("/api/calls", new { name = "Pat" });

        Assert.Equal(HttpStatusCode.Created, status);
        var claims = Verifier.VerifyForJoin(call.Str("token"));
        Assert.Equal(call.Str("identity"), claims.Identity);
        Assert.Equal("Pat", claims.Name);
        var video = claims.Video!;
        Assert.Equal(call.Str("room"), video.Room);
        Assert.False(video.RoomAdmin);
        Assert.False(video.RoomCreate);
        Assert.False(video.RoomList);
        Assert.False(video.Hidden);
        Assert.False(video.Agent);
        Assert.True(video.EffectiveCanSubscribe);
        Assert.False(video.EffectiveCanPublishData);
        Assert.True(video.CanPublishSource(TrackSource.Microphone));
        Assert.False(video.CanPublishSource(TrackSource.Camera));
        Assert.False(video.CanPublishSource(TrackSource.ScreenShare));
        Assert.Equal("caller", claims.Attributes["wt.role"]);
        Assert.InRange(claims.ExpiresAt!.Value - claims.NotBefore!.Value, TimeSpan.FromMinutes(1), TimeSpan.FromMinutes(10));
        Assert.Equal(liveKit.Url, call.Str("wsUrl"));
    }

    [Fact]
    public async Task StartCall_CreatesRoomAndDispatchesBotWithCallMetadata()
    {
        await using var liveKit = await FakeLiveKitServer.StartAsync();
        await using var api = await ControlApiHost.StartAsync(liveKit);

        var (_, call, _) = await api.Client.PostAsync("/api/calls");

        var room = call.Str("room");
        Assert.True(liveKit.HasRoom(room));
        var dispatch = Assert.Single(liveKit.Dispatches);
        Assert.Equal(room, dispatch.Room);
        Assert.Equal("warm-transfer", dispatch.AgentName);
        Assert.Equal($$"""{"kind":"call","callRoom":"{{room}}"}""", dispatch.Metadata);
        Assert.True(call.GetProperty("botDispatched").GetBoolean());
    }

    [Fact]
    public async Task AgentToken_UnownedCall_ClaimsItAndAnotherAgentIsRefused()
    {
        await using var liveKit = await FakeLiveKitServer.StartAsync();
        await using var api = await ControlApiHost.StartAsync(liveKit);
        var (_, call, _) = await api.Client.PostAsync("/api/calls");
        var room = call.Str("room");
        using var alice = await api.LoginAsync("alice");
        using var bob = await api.LoginAsync("bob");

        var (aliceStatus, aliceToken, _) = await alice.PostAsync("/api/tokens/agent", new { room });
        var (bobStatus, refusal, _) = await bob.PostAsync("/api/tokens/agent", new { room });

        Assert.Equal(HttpStatusCode.OK, aliceStatus);
        var claims = Verifier.VerifyForJoin(aliceToken.Str("token"));
        Assert.Equal("alice", claims.Identity);
        Assert.Equal(room, claims.Video!.Room);
        Assert.True(claims.Video.EffectiveCanPublishData);
        Assert.False(claims.Video.RoomAdmin);
        Assert.Equal(HttpStatusCode.Forbidden, bobStatus);
        Assert.Contains("handled by another agent", refusal.Str("detail"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task AgentToken_WithoutSession_Is401ProblemDetails()
    {
        await using var liveKit = await FakeLiveKitServer.StartAsync();
        await using var api = await ControlApiHost.StartAsync(liveKit);
        var (_, call, _) = await api.Client.PostAsync("/api/calls");
        using var withCallerToken = api.NewClient();
        withCallerToken.DefaultRequestHeaders.Authorization = new("Bearer", call.Str("token"));

        var (anonymous, problem, response) = await api.Client.PostAsync("/api/tokens/agent", new { room = call.Str("room") });
        var (callerToken, _, _) = await withCallerToken.PostAsync("/api/tokens/agent", new { room = call.Str("room") });

        Assert.Equal(HttpStatusCode.Unauthorized, anonymous);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal(401, problem.GetProperty("status").GetInt32());
        Assert.Equal(HttpStatusCode.Unauthorized, callerToken);
    }

    [Fact]
    public async Task BotToken_Admin_IsHiddenAgentKind()
    {
        await using var liveKit = await FakeLiveKitServer.StartAsync();
        await using var api = await ControlApiHost.StartAsync(liveKit);
        var (_, call, _) = await api.Client.PostAsync("/api/calls");
        using var admin = await api.LoginAsync("admin");
        using var alice = await api.LoginAsync("alice");

        var (status, bot, _) = await admin.PostAsync("/api/tokens/bot", new { room = call.Str("room") });
        var (workerStatus, _, _) = await api.Worker().PostAsync("/api/tokens/bot", new { room = call.Str("room") });
        var (agentStatus, _, _) = await alice.PostAsync("/api/tokens/bot", new { room = call.Str("room") });

        Assert.Equal(HttpStatusCode.OK, status);
        var claims = Verifier.VerifyForJoin(bot.Str("token"));
        Assert.True(claims.Video!.Hidden);
        Assert.True(claims.Video.Agent);
        Assert.Equal(ParticipantInfo.Types.Kind.Agent, claims.Kind);
        Assert.Equal(HttpStatusCode.OK, workerStatus);
        Assert.Equal(HttpStatusCode.Forbidden, agentStatus);
    }

    [Fact]
    public async Task AdminToken_GrantsRoomAdminForThatRoomOnly()
    {
        await using var liveKit = await FakeLiveKitServer.StartAsync();
        await using var api = await ControlApiHost.StartAsync(liveKit);
        var (_, call, _) = await api.Client.PostAsync("/api/calls");
        using var admin = await api.LoginAsync("admin");
        using var alice = await api.LoginAsync("alice");

        var (status, token, _) = await admin.PostAsync("/api/tokens/admin", new { room = call.Str("room") });
        var (agentStatus, _, _) = await alice.PostAsync("/api/tokens/admin", new { room = call.Str("room") });

        Assert.Equal(HttpStatusCode.OK, status);
        var video = Verifier.VerifyForJoin(token.Str("token")).Video!;
        Assert.True(video.RoomAdmin);
        Assert.Equal(call.Str("room"), video.Room);
        Assert.Equal(HttpStatusCode.Forbidden, agentStatus);
    }

    [Theory]
    [InlineData("")]
    [InlineData("has space")]
    [InlineData("-leading-dash")]
    [InlineData("a/b")]
    [InlineData("an-exceedingly-long-room-name-that-goes-past-the-sixty-four-character-limit")]
    public async Task AgentToken_InvalidRoomName_Is400NamingTheField(string room)
    {
        await using var liveKit = await FakeLiveKitServer.StartAsync();
        await using var api = await ControlApiHost.StartAsync(liveKit);
        using var alice = await api.LoginAsync("alice");

        var (status, problem, _) = await alice.PostAsync("/api/tokens/agent", new { room });

        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.True(problem.GetProperty("errors").TryGetProperty("room", out var messages));
        Assert.Contains("room name", messages[0].GetString(), StringComparison.Ordinal);
    }
}
