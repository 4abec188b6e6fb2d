using System.Text;
using LiveKit.Api.Tests.Support;
using LiveKit.Proto;
using Microsoft.Extensions.Time.Testing;

namespace LiveKit.Api.Tests.Webhooks;

public sealed class WebhookReceiverTests
{
    private const string Key = "devkey";
    private const string Secret = "secret";

    // As LiveKit's server sends it, including fields our subset leaves out (egressInfo).
    private const string Body = """{"event":"participant_joined","room":{"sid":"RM_1","name":"call-42"},"participant":{"sid":"PA_1","identity":"caller-1","state":"ACTIVE","kind":"SIP"},"egressInfo":{"egressId":"EG_1"},"id":"EV_1","createdAt":"1760000000"}""";

    private readonly WebhookReceiver _receiver = new(Key, Secret);

    private static string Sign(string body, string secret = Secret) =>
        new AccessToken(Key, secret).WithSha256(Convert.ToBase64String(System.Security.Cryptography.SHA256.HashData(Encoding.UTF8.GetBytes(body)))).WithTtl(TimeSpan.FromMinutes(5)).ToJwt();

    [Fact]
    public void Receive_SignedBody_ParsesEvent()
    {
        var e = _receiver.Receive(Body, Sign(Body));

        Assert.Equal(WebhookEventNames.ParticipantJoined, e.Event);
        Assert.Equal("call-42", e.Room.Name);
        Assert.Equal(("caller-1", ParticipantInfo.Types.Kind.Sip), (e.Participant.Identity, e.Participant.Kind));
        Assert.Equal(1_760_000_000, e.CreatedAt);
    }

    [Fact]
    public void Receive_BearerPrefix_Accepted()
    {
        Assert.Equal("EV_1", _receiver.Receive(Body, "Bearer " + Sign(Body)).Id);
    }

    [Fact]
    public void Receive_TamperedBody_ChecksumMismatch()
    {
        var tampered = Body.Replace("caller-1", "caller-2", StringComparison.Ordinal);

        var e = Assert.Throws<WebhookValidationException>(() => _receiver.Receive(tampered, Sign(Body)));

        Assert.Equal(WebhookValidationError.ChecksumMismatch, e.Error);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("Bearer ")]
    public void Receive_NoAuthorization_MissingAuthorization(string? header)
    {
        Assert.Equal(WebhookValidationError.MissingAuthorization, Assert.Throws<WebhookValidationException>(() => _receiver.Receive(Body, header)).Error);
    }

    [Fact]
    public void Receive_SignedWithOtherSecret_InvalidTokenWithBadSignature()
    {
        var e = Assert.Throws<WebhookValidationException>(() => _receiver.Receive(Body, Sign(Body, "not-our-secret")));

        Assert.Equal(WebhookValidationError.InvalidToken, e.Error);
        Assert.Equal(TokenValidationError.BadSignature, Assert.IsType<TokenValidationException>(e.InnerException).Error);
    }

    [Fact]
    public void Receive_TokenWithoutSha256_MissingChecksum()
    {
        var token = new AccessToken(Key, Secret).WithTtl(TimeSpan.FromMinutes(5)).ToJwt();

        Assert.Equal(WebhookValidationError.MissingChecksum, Assert.Throws<WebhookValidationException>(() => _receiver.Receive(Body, token)).Error);
    }

    [Fact]
    public void Receive_ExpiredToken_InvalidTokenExpired()
    {
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow);
        var signed = new WebhookSigner(Key, Secret, clock).Sign(new WebhookEvent { Event = "room_started" });
        var receiver = new WebhookReceiver(new TokenVerifier(Key, Secret, timeProvider: new FakeTimeProvider(clock.GetUtcNow().AddMinutes(7))));

        var e = Assert.Throws<WebhookValidationException>(() => receiver.Receive(signed.Body.Span, signed.Authorization));

        Assert.Equal(TokenValidationError.Expired, Assert.IsType<TokenValidationException>(e.InnerException).Error);
    }

    [Fact]
    public void Receive_SignedButNotAnEvent_MalformedBody()
    {
        const string body = """{"event": 12, "room": "not an object"}""";

        Assert.Equal(WebhookValidationError.MalformedBody, Assert.Throws<WebhookValidationException>(() => _receiver.Receive(body, Sign(body))).Error);
    }

    [Fact]
    public void Sign_ThenReceive_RoundTrips()
    {
        var signer = new WebhookSigner(Key, Secret);
        var sent = new WebhookEvent { Event = WebhookEventNames.TrackPublished, Id = "EV_9", Room = new Room { Name = "r" }, Track = new TrackInfo { Sid = "TR_1", Type = TrackType.Audio } };

        var signed = signer.Sign(sent);

        Assert.Equal(sent, _receiver.Receive(signed.Body.Span, signed.Authorization));
        Assert.Equal("application/webhook+json", WebhookSigner.ContentType);
        Assert.False(string.IsNullOrEmpty(Jwts.Payload(signed.Authorization)["sha256"]?.GetValue<string>()));
    }
}
