using LiveKit.Api.Tests.Support;
using LiveKit.Proto;
using Microsoft.Extensions.Time.Testing;

namespace LiveKit.Api.Tests.Tokens;

/// <summary>
/// A fixed token minted at a fixed time: our builder must reproduce it byte for byte, our verifier must
/// decode it to exactly these claims, and LiveKit's own Node SDK must accept its signature and claims.
/// </summary>
public sealed class KnownTokenTests
{
    private const string Key = "devkey";
    private const string Secret = "secret";
    private static readonly DateTimeOffset IssuedAt = new(2025, 1, 1, 12, 0, 0, TimeSpan.Zero);

    // header {"alg":"HS256","typ":"JWT"}; HMAC-SHA256 with "secret" (checked independently with Python's hmac); payload
    // {"iss":"devkey","sub":"agent-a","nbf":1735732800,"exp":1735736400,"iat":1735732800,"name":"Agent A",
    //  "metadata":"{\"role\":\"agent\"}","attributes":{"team":"support"},"kind":"agent",
    //  "video":{"roomJoin":true,"room":"call-42","canPublish":true,"canSubscribe":true,"canPublishData":false,
    //           "canPublishSources":["microphone"],"canUpdateOwnMetadata":true,"hidden":true},
    //  "roomConfig":{"agents":[{"agentName":"warm-transfer","metadata":"{}"}]}}
    private const string Token =
        "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9." +
        "eyJpc3MiOiJkZXZrZXkiLCJzdWIiOiJhZ2VudC1hIiwibmJmIjoxNzM1NzMyODAwLCJleHAiOjE3MzU3MzY0MDAsImlhdCI6MTczNTczMjgwMCwibmFtZSI6IkFnZW50IEEiLCJtZXRhZGF0YSI6IntcInJvbGVcIjpcImFnZW50XCJ9IiwiYXR0cmlidXRlcyI6eyJ0ZWFtIjoic3VwcG9ydCJ9LCJraW5kIjoiYWdlbnQiLCJ2aWRlbyI6eyJyb29tSm9pbiI6dHJ1ZSwicm9vbSI6ImNhbGwtNDIiLCJjYW5QdWJsaXNoIjp0cnVlLCJjYW5TdWJzY3JpYmUiOnRydWUsImNhblB1Ymxpc2hEYXRhIjpmYWxzZSwiY2FuUHVibGlzaFNvdXJjZXMiOlsibWljcm9waG9uZSJdLCJjYW5VcGRhdGVPd25NZXRhZGF0YSI6dHJ1ZSwiaGlkZGVuIjp0cnVlfSwicm9vbUNvbmZpZyI6eyJhZ2VudHMiOlt7ImFnZW50TmFtZSI6Indhcm0tdHJhbnNmZXIiLCJtZXRhZGF0YSI6Int9In1dfX0." +
        "-w3dPKMNlmVbtmI6kQC92bLFPFy8zoWV9H4qUlwKW-I";

    private static AccessToken Build() =>
        new AccessToken(Key, Secret, new FakeTimeProvider(IssuedAt))
            .WithIdentity("agent-a")
            .WithName("Agent A")
            .WithMetadata("{\"role\":\"agent\"}")
            .WithAttribute("team", "support")
            .WithKind(ParticipantInfo.Types.Kind.Agent)
            .WithTtl(TimeSpan.FromHours(1))
            .WithVideoGrants(new VideoGrants
            {
                RoomJoin = true, Room = "call-42", CanPublish = true, CanSubscribe = true, CanPublishData = false,
                CanPublishSources = [TrackSource.Microphone], CanUpdateOwnMetadata = true, Hidden = true,
            })
            .WithAgents(new RoomAgentDispatch { AgentName = "warm-transfer", Metadata = "{}" });

    [Fact]
    public void ToJwt_FixedClock_ReproducesKnownToken()
    {
        Assert.Equal(Token, Build().ToJwt());
    }

    [Fact]
    public void Verify_KnownTokenAtFixedClock_ReturnsExactClaims()
    {
        var verifier = new TokenVerifier(Key, Secret, timeProvider: new FakeTimeProvider(IssuedAt.AddMinutes(10)));

        var claims = verifier.Verify(Token);

        Assert.Equal("devkey", claims.ApiKey);
        Assert.Equal("agent-a", claims.Identity);
        Assert.Equal("Agent A", claims.Name);
        Assert.Equal("{\"role\":\"agent\"}", claims.Metadata);
        Assert.Equal(new Dictionary<string, string> { ["team"] = "support" }, claims.Attributes);
        Assert.Equal(ParticipantInfo.Types.Kind.Agent, claims.Kind);
        Assert.Equal(IssuedAt, claims.NotBefore);
        Assert.Equal(IssuedAt, claims.IssuedAt);
        Assert.Equal(IssuedAt.AddHours(1), claims.ExpiresAt);
        var video = claims.Video!;
        Assert.True(video.RoomJoin);
        Assert.Equal("call-42", video.Room);
        Assert.Equal((true, true, false, true), (video.CanPublish, video.CanSubscribe, video.CanPublishData, video.CanUpdateOwnMetadata));
        Assert.Equal([TrackSource.Microphone], video.CanPublishSources!);
        Assert.True(video.Hidden);
        Assert.False(video.RoomAdmin || video.RoomCreate || video.Agent);
        Assert.Null(video.DestinationRoom);
        Assert.Equal("warm-transfer", claims.RoomConfig!.Agents.Single().AgentName);
        Assert.Equal("{}", claims.RoomConfig.Agents.Single().Metadata);
        Assert.Null(claims.Sip);
        Assert.Null(claims.Sha256);
    }

    [Fact]
    public async Task NodeSdkVerify_KnownToken_AcceptsSignatureAndClaims()
    {
        // The token expired long ago; a tolerance of 100 years lets the SDK check everything else.
        var result = await ServerSdk.RunAsync("verify", new { apiKey = Key, apiSecret = Secret, token = Token, clockTolerance = 100L * 365 * 24 * 3600 });

        Assert.Null(result["error"]);
        var claims = result["claims"]!;
        Assert.Equal("agent-a", (string?)claims["sub"]);
        Assert.Equal("call-42", (string?)claims["video"]!["room"]);
        Assert.Equal("warm-transfer", (string?)claims["roomConfig"]!["agents"]![0]!["agentName"]);
    }
}
