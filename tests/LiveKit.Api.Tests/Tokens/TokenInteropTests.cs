using System.Text.Json.Nodes;
using LiveKit.Api.Tests.Support;
using LiveKit.Proto;

namespace LiveKit.Api.Tests.Tokens;

/// <summary>Tokens against LiveKit's official Node server SDK (livekit-server-sdk), in both directions.</summary>
public sealed class TokenInteropTests
{
    private const string Key = "APIinterop";
    private const string Secret = "interop-secret-0123456789abcdefghijklmnop";

    [Fact]
    public async Task NodeSdkVerify_OurToken_AcceptsWithSameClaims()
    {
        var jwt = new AccessToken(Key, Secret)
            .WithIdentity("agent-b")
            .WithName("Agent B")
            .WithMetadata("{\"skills\":[\"billing\"]}")
            .WithAttributes([new("team", "billing"), new("lk.agent_name", "warm-transfer")])
            .WithKind(ParticipantInfo.Types.Kind.Agent)
            .WithTtl(TimeSpan.FromMinutes(15))
            .WithVideoGrants(new VideoGrants
            {
                RoomJoin = true, Room = "handoff-1", RoomAdmin = true, CanPublish = true, CanSubscribe = true, CanPublishData = true,
                CanPublishSources = [TrackSource.Microphone], CanUpdateOwnMetadata = true, Hidden = false, Agent = true, DestinationRoom = "call-1",
            })
            .WithSipGrants(new SipGrants { Call = true })
            .WithAgents(new RoomAgentDispatch { AgentName = "warm-transfer", Metadata = "{\"kind\":\"handoff\"}" })
            .ToJwt();

        var result = await ServerSdk.RunAsync("verify", new { apiKey = Key, apiSecret = Secret, token = jwt });

        Assert.Null(result["error"]);
        var claims = result["claims"]!.AsObject();
        var ours = Jwts.Payload(jwt);
        Assert.True(JsonNode.DeepEquals(ours, claims), $"ours {ours.ToJsonString()}{Environment.NewLine}node {claims.ToJsonString()}");
        Assert.Equal("agent-b", (string?)claims["sub"]);
        Assert.Equal(Key, (string?)claims["iss"]);
        Assert.Equal("microphone", (string?)claims["video"]!["canPublishSources"]![0]);
        Assert.Equal("warm-transfer", (string?)claims["roomConfig"]!["agents"]![0]!["agentName"]);
    }

    [Fact]
    public async Task NodeSdkVerify_OurTokenWithOtherSecret_Rejects()
    {
        var jwt = new AccessToken(Key, "some-other-secret-0123456789abcdefghij").WithIdentity("a").ToJwt();

        var result = await ServerSdk.RunAsync("verify", new { apiKey = Key, apiSecret = Secret, token = jwt });

        Assert.Contains("signature", (string?)result["error"], StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task Verify_NodeSdkToken_AcceptsWithSameClaims()
    {
        var minted = await ServerSdk.RunAsync("mint", new
        {
            apiKey = Key,
            apiSecret = Secret,
            identity = "caller-7",
            name = "Caller",
            metadata = "{\"ticket\":42}",
            attributes = new Dictionary<string, string> { ["queue"] = "billing" },
            kind = "sip",
            ttl = "10m",
            video = new { roomJoin = true, room = "call-7", canPublish = true, canSubscribe = false, canPublishData = false, canPublishSources = new[] { 2, 4 }, canUpdateOwnMetadata = true, hidden = true, destinationRoom = "handoff-7" },
            sip = new { admin = true },
            roomConfig = new { emptyTimeout = 120, agents = new[] { new { agentName = "warm-transfer", metadata = "{\"kind\":\"call\"}", restartPolicy = "JRP_NEVER" } } },
        });
        var token = (string)minted["token"]!;

        var claims = new TokenVerifier(Key, Secret).Verify(token);

        Assert.Equal((Key, "caller-7", "Caller", "{\"ticket\":42}"), (claims.ApiKey, claims.Identity, claims.Name, claims.Metadata));
        Assert.Equal("billing", claims.Attributes["queue"]);
        Assert.Equal(ParticipantInfo.Types.Kind.Sip, claims.Kind);
        var video = claims.Video!;
        Assert.Equal((true, "call-7", true, false, false, true, true, "handoff-7"),
            (video.RoomJoin, video.Room, video.CanPublish, video.CanSubscribe, video.CanPublishData, video.CanUpdateOwnMetadata, video.Hidden, video.DestinationRoom));
        Assert.Equal([TrackSource.Microphone, TrackSource.ScreenShareAudio], video.CanPublishSources!);
        Assert.True(claims.Sip!.Admin);
        Assert.Equal(120u, claims.RoomConfig!.EmptyTimeout);
        var agent = claims.RoomConfig.Agents.Single();
        Assert.Equal(("warm-transfer", "{\"kind\":\"call\"}", JobRestartPolicy.JrpNever), (agent.AgentName, agent.Metadata, agent.RestartPolicy));
        Assert.Equal(TimeSpan.FromMinutes(10), claims.ExpiresAt - claims.NotBefore);
    }

    [Fact]
    public async Task Verify_NodeSdkTokenWithOtherSecret_BadSignature()
    {
        var minted = await ServerSdk.RunAsync("mint", new { apiKey = Key, apiSecret = "node-side-secret-0123456789abcdefghijk", identity = "x", video = new { roomJoin = true, room = "r" } });

        var e = Assert.Throws<TokenValidationException>(() => new TokenVerifier(Key, Secret).Verify((string)minted["token"]!));

        Assert.Equal(TokenValidationError.BadSignature, e.Error);
    }
}
