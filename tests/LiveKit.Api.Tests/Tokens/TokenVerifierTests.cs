using LiveKit.Api.Tests.Support;
using LiveKit.Proto;
using Microsoft.Extensions.Time.Testing;

namespace LiveKit.Api.Tests.Tokens;

public sealed class TokenVerifierTests
{
    private const string Key = "devkey";
    private const string Secret = "secret";
    private static readonly DateTimeOffset Now = new(2025, 6, 1, 8, 0, 0, TimeSpan.Zero);

    private static readonly string Exp = Now.AddHours(1).ToUnixTimeSeconds().ToString(System.Globalization.CultureInfo.InvariantCulture);

    private readonly FakeTimeProvider _clock = new(Now);

    private TokenVerifier Verifier() => new(new InMemoryApiKeyProvider(
        [new KeyValuePair<string, string>(Key, Secret), new KeyValuePair<string, string>("otherkey", "other-secret")]), timeProvider: _clock);

    private string Mint(Action<AccessToken>? configure = null, string key = Key, string secret = Secret)
    {
        var token = new AccessToken(key, secret, _clock).WithIdentity("agent-a").WithVideoGrants(new VideoGrants { RoomJoin = true, Room = "call-42" });
        configure?.Invoke(token);
        return token.ToJwt();
    }

    [Fact]
    public void Verify_OwnToken_ReturnsClaims()
    {
        var claims = Verifier().Verify(Mint(t => t.WithName("A").WithAttribute("k", "v")));

        Assert.Equal((Key, "agent-a", "A"), (claims.ApiKey, claims.Identity, claims.Name));
        Assert.Equal("v", claims.Attributes["k"]);
        Assert.Equal("call-42", claims.Video!.Room);
    }

    [Fact]
    public void Verify_SecondKeyOfProvider_UsesThatSecret()
    {
        var claims = Verifier().Verify(Mint(key: "otherkey", secret: "other-secret"));

        Assert.Equal("otherkey", claims.ApiKey);
    }

    [Fact]
    public void Verify_WrongSecret_BadSignature()
    {
        var e = Assert.Throws<TokenValidationException>(() => Verifier().Verify(Mint(secret: "not-the-secret")));

        Assert.Equal(TokenValidationError.BadSignature, e.Error);
    }

    [Fact]
    public void Verify_UnknownKey_UnknownKey()
    {
        var e = Assert.Throws<TokenValidationException>(() => Verifier().Verify(Mint(key: "stranger")));

        Assert.Equal(TokenValidationError.UnknownKey, e.Error);
        Assert.Contains("'stranger'", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Verify_NoIssuer_UnknownKey()
    {
        var token = Jwts.Sign($$"""{"sub":"a","exp":{{Now.AddHours(1).ToUnixTimeSeconds()}}}""", Secret);

        Assert.Equal(TokenValidationError.UnknownKey, Assert.Throws<TokenValidationException>(() => Verifier().Verify(token)).Error);
    }

    [Fact]
    public void Verify_ForgedPayload_BadSignature()
    {
        // Same header and signature, payload swapped for one granting roomAdmin.
        var genuine = Mint().Split('.');
        var forged = Mint(t => t.WithVideoGrants(new VideoGrants { RoomAdmin = true, Room = "call-42" })).Split('.');
        var token = string.Join('.', genuine[0], forged[1], genuine[2]);

        var e = Assert.Throws<TokenValidationException>(() => Verifier().Verify(token));

        Assert.Equal(TokenValidationError.BadSignature, e.Error);
    }

    [Fact]
    public void Verify_SignatureOneBitOff_BadSignature()
    {
        var token = Mint();
        var tampered = token[..^1] + (token[^1] == 'A' ? 'B' : 'A');

        Assert.Equal(TokenValidationError.BadSignature, Assert.Throws<TokenValidationException>(() => Verifier().Verify(tampered)).Error);
    }

    [Fact]
    public void Verify_ExpiredBeyondLeeway_Expired()
    {
        var token = Mint(t => t.WithTtl(TimeSpan.FromMinutes(5)));
        _clock.Advance(TimeSpan.FromMinutes(5) + TimeSpan.FromSeconds(61));

        var e = Assert.Throws<TokenValidationException>(() => Verifier().Verify(token));

        Assert.Equal(TokenValidationError.Expired, e.Error);
        Assert.Contains("expired at 2025-06-01 08:05:00Z", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Verify_ExpiredWithinLeeway_Accepted()
    {
        var token = Mint(t => t.WithTtl(TimeSpan.FromMinutes(5)));
        _clock.Advance(TimeSpan.FromMinutes(5) + TimeSpan.FromSeconds(59));

        Assert.Equal("agent-a", Verifier().Verify(token).Identity);
    }

    [Fact]
    public void Verify_CustomLeewayZero_RejectsJustExpired()
    {
        var token = Mint(t => t.WithTtl(TimeSpan.FromMinutes(5)));
        _clock.Advance(TimeSpan.FromMinutes(5) + TimeSpan.FromSeconds(1));
        var strict = new TokenVerifier(Key, Secret, new TokenVerifierOptions { ClockSkew = TimeSpan.Zero }, _clock);

        Assert.Equal(TokenValidationError.Expired, Assert.Throws<TokenValidationException>(() => strict.Verify(token)).Error);
    }

    [Fact]
    public void Verify_NotYetValidBeyondLeeway_NotYetValid()
    {
        var token = Mint(t => t.WithNotBefore(Now.AddMinutes(2)));

        var e = Assert.Throws<TokenValidationException>(() => Verifier().Verify(token));

        Assert.Equal(TokenValidationError.NotYetValid, e.Error);
    }

    [Fact]
    public void Verify_NotYetValidWithinLeeway_Accepted()
    {
        var token = Mint(t => t.WithNotBefore(Now.AddSeconds(30)));

        Assert.Equal("agent-a", Verifier().Verify(token).Identity);
    }

    [Fact]
    public void Verify_NoExpiry_MissingExpiry()
    {
        var token = Jwts.Sign("""{"iss":"devkey","sub":"a","video":{"roomJoin":true,"room":"r"}}""", Secret);

        Assert.Equal(TokenValidationError.MissingExpiry, Assert.Throws<TokenValidationException>(() => Verifier().Verify(token)).Error);
    }

    [Theory]
    [InlineData("""{"alg":"none"}""")]
    [InlineData("""{"alg":"HS512","typ":"JWT"}""")]
    [InlineData("""{"alg":"RS256"}""")]
    public void Verify_OtherAlgorithm_UnsupportedAlgorithm(string header)
    {
        var token = Jwts.Sign(header, $$"""{"iss":"devkey","sub":"a","exp":{{Now.AddHours(1).ToUnixTimeSeconds()}}}""", Secret);

        Assert.Equal(TokenValidationError.UnsupportedAlgorithm, Assert.Throws<TokenValidationException>(() => Verifier().Verify(token)).Error);
    }

    [Theory]
    [InlineData("", "not a JWT")]
    [InlineData("abc", "not a JWT")]
    [InlineData("a.b", "not a JWT")]
    [InlineData("a.b.c.d", "not a JWT")]
    [InlineData(".eyJ9.x", "not a JWT")]
    [InlineData("eyJhbGciOiJIUzI1NiJ9.!!!.sig", "payload is not valid base64url")]
    [InlineData("%%%.eyJ9.sig", "header is not valid base64url")]
    [InlineData("eyJhbGciOiJIUzI1NiJ9.bm90IGpzb24.sig", "payload is not valid JSON")]
    [InlineData("eyJhbGciOiJIUzI1NiJ9.WzFd.sig", "payload is not a JSON object")]
    [InlineData("bm90IGpzb24.eyJ9.sig", "header is not valid JSON")]
    [InlineData("e30.eyJ9.sig", "header has no alg")]
    public void Verify_Malformed_MalformedWithReason(string token, string expected)
    {
        var e = Assert.Throws<TokenValidationException>(() => Verifier().Verify(token));

        Assert.Equal(TokenValidationError.Malformed, e.Error);
        Assert.Contains(expected, e.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("""{"iss":"devkey","video":5}""", "video claim must be a JSON object")]
    [InlineData("""{"iss":"devkey","video":{"roomJoin":"yes"}}""", "roomJoin claim must be true or false")]
    [InlineData("""{"iss":"devkey","exp":"tomorrow"}""", "exp claim must be a number")]
    [InlineData("""{"iss":"devkey","attributes":{"a":1}}""", "attributes.a claim must be a string")]
    [InlineData("""{"iss":"devkey","roomConfig":{"emptyTimeout":"x"}}""", "roomConfig claim is not a valid RoomConfiguration")]
    [InlineData("""{"iss":"devkey","video":{"canPublishSources":[1]}}""", "canPublishSources claim must be an array of strings")]
    public void Verify_ClaimOfWrongType_MalformedNamingClaim(string payload, string expected)
    {
        var e = Assert.Throws<TokenValidationException>(() => Verifier().Verify(Jwts.Sign(payload, Secret)));

        Assert.Equal(TokenValidationError.Malformed, e.Error);
        Assert.Contains(expected, e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Verify_TooLong_Malformed()
    {
        var e = Assert.Throws<TokenValidationException>(() => Verifier().Verify(new string('a', 70_000)));

        Assert.Equal(TokenValidationError.Malformed, e.Error);
    }

    [Fact]
    public void Verify_NoSubject_FallsBackToJwtId()
    {
        var token = Jwts.Sign($$"""{"iss":"devkey","jti":"from-jti","exp":{{Now.AddHours(1).ToUnixTimeSeconds()}}}""", Secret);

        Assert.Equal("from-jti", Verifier().Verify(token).Identity);
    }

    [Fact]
    public void Verify_UnknownClaimsAndNulls_Ignored()
    {
        var token = Jwts.Sign($$"""{"iss":"devkey","sub":"a","aud":["x"],"name":null,"custom":{"deep":[1,{"x":2}]},"video":{"future":true,"room":"r"},"exp":{{Now.AddHours(1).ToUnixTimeSeconds()}}.75}""", Secret);

        var claims = Verifier().Verify(token);

        Assert.Null(claims.Name);
        Assert.Equal("r", claims.Video!.Room);
        Assert.Equal(Now.AddHours(1), claims.ExpiresAt);
    }

    [Fact]
    public void Verify_RoomConfigInEitherNamingStyle_Parsed()
    {
        var token = Jwts.Sign("""{"iss":"devkey","sub":"a","exp":EXP,"roomConfig":{"empty_timeout":30,"agents":[{"agent_name":"warm-transfer","restartPolicy":"JRP_NEVER"}],"egress":{"room":{}}}}""".Replace("EXP", Exp, StringComparison.Ordinal), Secret);

        var config = Verifier().Verify(token).RoomConfig!;

        Assert.Equal(30u, config.EmptyTimeout);
        Assert.Equal("warm-transfer", config.Agents.Single().AgentName);
        Assert.Equal(JobRestartPolicy.JrpNever, config.Agents.Single().RestartPolicy);
    }

    [Fact]
    public void Verify_UnknownSourceAndKind_MapLikeLiveKit()
    {
        var token = Jwts.Sign("""{"iss":"devkey","sub":"a","exp":EXP,"kind":"robot","kindDetails":["forwarded","nope"],"video":{"canPublishSources":["microphone","hologram"]}}""".Replace("EXP", Exp, StringComparison.Ordinal), Secret);

        var claims = Verifier().Verify(token);

        Assert.Equal(ParticipantInfo.Types.Kind.Standard, claims.Kind);
        Assert.Equal([ParticipantInfo.Types.KindDetail.Forwarded], claims.KindDetails);
        Assert.Equal([TrackSource.Microphone, TrackSource.Unknown], claims.Video!.CanPublishSources!);
    }

    [Fact]
    public void VerifyForJoin_NoIdentity_MissingIdentity()
    {
        var token = Jwts.Sign("""{"iss":"devkey","exp":EXP,"video":{"roomJoin":true,"room":"r"}}""".Replace("EXP", Exp, StringComparison.Ordinal), Secret);

        Assert.Equal(TokenValidationError.MissingIdentity, Assert.Throws<TokenValidationException>(() => Verifier().VerifyForJoin(token)).Error);
    }

    [Fact]
    public void VerifyForJoin_NoJoinGrant_MissingJoinGrant()
    {
        var token = Mint(t => t.WithVideoGrants(new VideoGrants { RoomList = true }));

        Assert.Equal(TokenValidationError.MissingJoinGrant, Assert.Throws<TokenValidationException>(() => Verifier().VerifyForJoin(token)).Error);
    }

    [Fact]
    public void TryVerify_Refused_ReturnsReasonWithoutThrowing()
    {
        var ok = Verifier().TryVerify(Mint(secret: "wrong"), out var claims, out var error, out var message);

        Assert.False(ok);
        Assert.Null(claims);
        Assert.Equal(TokenValidationError.BadSignature, error);
        Assert.NotNull(message);
    }

    [Fact]
    public void TryVerify_Expired_ReturnsExpired()
    {
        var token = Mint(t => t.WithTtl(TimeSpan.FromMinutes(1)));
        _clock.Advance(TimeSpan.FromMinutes(3));

        Assert.False(Verifier().TryVerify(token, out _, out var error, out _));
        Assert.Equal(TokenValidationError.Expired, error);
    }

    [Fact]
    public void TryVerify_Malformed_ReturnsMalformed()
    {
        Assert.False(Verifier().TryVerify("not.a.jwt", out var claims, out var error, out var message));
        Assert.Null(claims);
        Assert.Equal(TokenValidationError.Malformed, error);
        Assert.Contains("base64url", message, StringComparison.Ordinal);
    }

    [Fact]
    public void TryVerify_Good_ReturnsClaims()
    {
        Assert.True(Verifier().TryVerify(Mint(), out var claims, out _, out var message));
        Assert.Equal("agent-a", claims.Identity);
        Assert.Null(message);
    }

    [Fact]
    public void VideoGrants_ToParticipantPermission_AppliesLiveKitDefaults()
    {
        var absent = new VideoGrants().ToParticipantPermission();
        Assert.Equal((true, true, true, false), (absent.CanPublish, absent.CanSubscribe, absent.CanPublishData, absent.CanUpdateMetadata));

        var noPublish = new VideoGrants { CanPublish = false }.ToParticipantPermission();
        Assert.False(noPublish.CanPublishData);

        var sources = new VideoGrants { CanPublishSources = [TrackSource.Microphone] };
        Assert.True(sources.CanPublishSource(TrackSource.Microphone));
        Assert.False(sources.CanPublishSource(TrackSource.Camera));
    }
}
