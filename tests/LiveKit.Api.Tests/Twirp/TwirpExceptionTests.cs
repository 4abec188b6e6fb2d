using System.Text;
using System.Text.Json.Nodes;

namespace LiveKit.Api.Tests.Twirp;

public sealed class TwirpExceptionTests
{
    [Fact]
    public void ToJson_WritesTwirpErrorBody()
    {
        var e = new TwirpException(TwirpErrorCode.NotFound, "participant does not exist", new Dictionary<string, string> { ["identity"] = "a\"b" });

        var body = JsonNode.Parse(e.ToJson())!;

        Assert.True(JsonNode.DeepEquals(JsonNode.Parse("""{"code":"not_found","msg":"participant does not exist","meta":{"identity":"a\"b"}}"""), body));
        Assert.Equal(404, e.HttpStatus);
    }

    [Fact]
    public void FromResponse_OwnJson_RoundTrips()
    {
        var sent = new TwirpException(TwirpErrorCode.ResourceExhausted, "too many rooms", new Dictionary<string, string> { ["limit"] = "10" });

        var received = TwirpException.FromResponse(sent.HttpStatus, "application/json", Encoding.UTF8.GetBytes(sent.ToJson()));

        Assert.Equal((sent.Code, sent.Message, 429), (received.Code, received.Message, received.HttpStatus));
        Assert.Equal(sent.Meta, received.Meta);
    }

    [Theory]
    [InlineData("""{"msg":"no code"}""")]
    [InlineData("""{"code":5,"msg":"numeric code"}""")]
    [InlineData("not json")]
    [InlineData("[]")]
    public void FromResponse_JsonWithoutTwirpCode_FallsBackToStatus(string body)
    {
        var e = TwirpException.FromResponse(503, "application/json", Encoding.UTF8.GetBytes(body));

        Assert.Equal((TwirpErrorCode.Unavailable, 503), (e.Code, e.HttpStatus));
    }
}
