using System.Text.Json.Nodes;
using LiveKit.Api.Tests.Support;
using LiveKit.Proto;
using Microsoft.Extensions.Time.Testing;

namespace LiveKit.Api.Tests.Tokens;

public sealed class AccessTokenTests
{
    private const string Key = "devkey";
    private const string Secret = "secret";
    private static readonly DateTimeOffset Now = new(2025, 1, 1, 0, 0, 0, TimeSpan.Zero);

    [Fact]
    public void ToJwt_AllGrants_WritesLiveKitClaimNames()
    {
        var jwt = new AccessToken(Key, Secret, new FakeTimeProvider(Now))
            .WithIdentity("agent-a")
            .WithName("Agent A")
            .WithMetadata("{\"role\":\"agent\"}")
            .WithAttribute("team", "support")
            .WithKind(ParticipantInfo.Types.Kind.Agent)
            .WithKindDetails(ParticipantInfo.Types.KindDetail.CloudAgent)
            .WithTtl(TimeSpan.FromMinutes(30))
            .WithVideoGrants(new VideoGrants
            {
                RoomCreate = true, RoomList = true, RoomRecord = true, RoomAdmin = true, RoomJoin = true, Room = "call-42",
                CanPublish = true, CanSubscribe = false, CanPublishData = false,
                CanPublishSources = [TrackSource.Microphone, TrackSource.ScreenShareAudio],
                CanUpdateOwnMetadata = true, IngressAdmin = true, Hidden = true, Recorder = true, Agent = true,
                CanSubscribeMetrics = true, CanManageAgentSession = false, DestinationRoom = "handoff-7",
            })
            .WithSipGrants(new SipGrants { Admin = true, Call = true })
            .WithAgentGrants(new AgentGrants { Admin = true })
            .WithAgents(new RoomAgentDispatch { AgentName = "warm-transfer", Metadata = "{\"kind\":\"call\"}" })
            .WithRoomPreset("preset-1")
            .ToJwt();

        var header = Jwts.Header(jwt);
        Assert.Equal("HS256", (string?)header["alg"]);
        var claims = Jwts.Payload(jwt);
        Assert.Equal("devkey", (string?)claims["iss"]);
        Assert.Equal("agent-a", (string?)claims["sub"]);
        Assert.Equal(Now.ToUnixTimeSeconds(), (long?)claims["nbf"]);
        Assert.Equal(Now.AddMinutes(30).ToUnixTimeSeconds(), (long?)claims["exp"]);
        Assert.Equal("Agent A", (string?)claims["name"]);
        Assert.Equal("{\"role\":\"agent\"}", (string?)claims["metadata"]);
        Assert.Equal("support", (string?)claims["attributes"]!["team"]);
        Assert.Equal("agent", (string?)claims["kind"]);
        Assert.Equal("cloud_agent", (string?)claims["kindDetails"]![0]);
        Assert.Equal("preset-1", (string?)claims["roomPreset"]);
        Assert.True(JsonNode.DeepEquals(
            JsonNode.Parse("""
                {"roomCreate":true,"roomList":true,"roomRecord":true,"roomAdmin":true,"roomJoin":true,"room":"call-42",
                 "canPublish":true,"canSubscribe":false,"canPublishData":false,"canPublishSources":["microphone","screen_share_audio"],
                 "canUpdateOwnMetadata":true,"ingressAdmin":true,"hidden":true,"recorder":true,"agent":true,
                 "canSubscribeMetrics":true,"canManageAgentSession":false,"destinationRoom":"handoff-7"}
                """),
            claims["video"]), claims["video"]!.ToJsonString());
        Assert.True(JsonNode.DeepEquals(JsonNode.Parse("""{"admin":true,"call":true}"""), claims["sip"]));
        Assert.True(JsonNode.DeepEquals(JsonNode.Parse("""{"admin":true}"""), claims["agent"]));
        Assert.True(JsonNode.DeepEquals(JsonNode.Parse("""{"agents":[{"agentName":"warm-transfer","metadata":"{\"kind\":\"call\"}"}]}"""), claims["roomConfig"]));
    }

    [Fact]
    public void ToJwt_UnsetOptionalGrants_LeavesThemOut()
    {
        var jwt = new AccessToken(Key, Secret).WithIdentity("a").WithVideoGrants(new VideoGrants { RoomJoin = true, Room = "r" }).ToJwt();

        var video = Jwts.Payload(jwt)["video"]!.AsObject();
        Assert.Equal(["roomJoin", "room"], video.Select(p => p.Key));
        Assert.DoesNotContain("sip", Jwts.Payload(jwt).Select(p => p.Key));
    }

    [Fact]
    public void ToJwt_DefaultTtl_IsSixHours()
    {
        var jwt = new AccessToken(Key, Secret, new FakeTimeProvider(Now)).WithIdentity("a").ToJwt();

        Assert.Equal(Now.AddHours(6).ToUnixTimeSeconds(), (long?)Jwts.Payload(jwt)["exp"]);
    }

    [Fact]
    public void ToJwt_RoomJoinWithoutIdentity_Throws()
    {
        var token = new AccessToken(Key, Secret).WithVideoGrants(new VideoGrants { RoomJoin = true, Room = "r" });

        var e = Assert.Throws<InvalidOperationException>(() => token.ToJwt());
        Assert.Contains("identity", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ToJwt_RoomJoinWithoutRoom_Throws()
    {
        var token = new AccessToken(Key, Secret).WithIdentity("a").WithVideoGrants(new VideoGrants { RoomJoin = true });

        var e = Assert.Throws<InvalidOperationException>(() => token.ToJwt());
        Assert.Contains("VideoGrants.Room", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ToJwt_BadRoomName_ThrowsNamingTheGrant()
    {
        var token = new AccessToken(Key, Secret).WithIdentity("a").WithVideoGrants(new VideoGrants { RoomJoin = true, Room = "bad\nroom" });

        var e = Assert.Throws<ArgumentException>(() => token.ToJwt());
        Assert.Equal("VideoGrants.Room", e.ParamName);
        Assert.Contains("control character (U+000A)", e.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData("a\u0000b")]
    public void WithIdentity_Unusable_ThrowsArgumentException(string identity)
    {
        var e = Assert.Throws<ArgumentException>(() => new AccessToken(Key, Secret).WithIdentity(identity));

        Assert.Equal("identity", e.ParamName);
        Assert.StartsWith("Participant identity", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void WithTtl_NotPositive_Throws()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new AccessToken(Key, Secret).WithTtl(TimeSpan.Zero));
    }

    [Theory]
    [InlineData("", "secret", "apiKey")]
    [InlineData("key", "", "apiSecret")]
    public void Constructor_EmptyCredentials_Throws(string key, string secret, string parameter)
    {
        var e = Assert.Throws<ArgumentException>(() => new AccessToken(key, secret));

        Assert.Equal(parameter, e.ParamName);
    }

    [Fact]
    public void WithVideoGrants_LaterChangesToCaller_DoNotLeakIntoToken()
    {
        var grants = new VideoGrants { RoomJoin = true, Room = "r" };
        var token = new AccessToken(Key, Secret).WithIdentity("a").WithVideoGrants(grants);
        grants.RoomAdmin = true;

        Assert.DoesNotContain("roomAdmin", Jwts.Payload(token.ToJwt())["video"]!.AsObject().Select(p => p.Key));
    }
}
