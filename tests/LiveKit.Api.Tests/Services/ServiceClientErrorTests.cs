using System.Text;
using LiveKit.Api.Tests.Support;
using LiveKit.Proto;

namespace LiveKit.Api.Tests.Services;

/// <summary>How the clients surface server errors and refuse bad input, against a real HTTP endpoint.</summary>
public sealed class ServiceClientErrorTests(TwirpServerFixture fixture) : IClassFixture<TwirpServerFixture>
{
    private RoomServiceClient Client(TwirpEncoding encoding = TwirpEncoding.Protobuf)
    {
        fixture.Server.Requests.Clear();
        return new RoomServiceClient(new HttpClient(), new LiveKitApiOptions { Url = fixture.Server.HttpUrl, ApiKey = "devkey", ApiSecret = "secret", Encoding = encoding });
    }

    private void Reply(int status, string? contentType, string body) =>
        fixture.Server.Reply = _ => new TestReply(status, contentType, Encoding.UTF8.GetBytes(body));

    [Theory]
    [InlineData(TwirpEncoding.Protobuf)]
    [InlineData(TwirpEncoding.Json)]
    public async Task Call_TwirpNotFound_ThrowsTwirpExceptionWithCodeMessageStatus(TwirpEncoding encoding)
    {
        Reply(404, "application/json", """{"code":"not_found","msg":"requested room does not exist"}""");

        var e = await Assert.ThrowsAsync<TwirpException>(() => Client(encoding).ListParticipantsAsync("call-42"));

        Assert.Equal((TwirpErrorCode.NotFound, "requested room does not exist", 404), (e.Code, e.Message, e.HttpStatus));
    }

    [Fact]
    public async Task Call_TwirpErrorWithMeta_KeepsMeta()
    {
        Reply(401, "application/json", """{"code":"unauthenticated","msg":"permissions denied","meta":{"reason":"missing roomAdmin","n":5}}""");

        var e = await Assert.ThrowsAsync<TwirpException>(() => Client().RemoveParticipantAsync("call-42", "a"));

        Assert.Equal(TwirpErrorCode.Unauthenticated, e.Code);
        Assert.Equal(401, e.HttpStatus);
        Assert.Equal(new Dictionary<string, string> { ["reason"] = "missing roomAdmin" }, e.Meta);
    }

    [Fact]
    public async Task Call_TwirpErrorWithCharsetParameter_StillParsed()
    {
        Reply(501, "application/json; charset=utf-8", """{"code":"unimplemented","msg":"MoveParticipant is not supported"}""");

        var e = await Assert.ThrowsAsync<TwirpException>(() => Client().MoveParticipantAsync("handoff-1", "agent-b", "call-42"));

        Assert.Equal((TwirpErrorCode.Unimplemented, 501), (e.Code, e.HttpStatus));
    }

    [Fact]
    public async Task Call_ProxyErrorPage_MapsStatusToUnavailable()
    {
        Reply(502, "text/html", "<html>Bad Gateway</html>");

        var e = await Assert.ThrowsAsync<TwirpException>(() => Client().ListRoomsAsync());

        Assert.Equal((TwirpErrorCode.Unavailable, 502), (e.Code, e.HttpStatus));
        Assert.Contains("Bad Gateway", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Call_SuccessWithWrongContentType_Internal()
    {
        Reply(200, "text/plain", "hello");

        var e = await Assert.ThrowsAsync<TwirpException>(() => Client().ListRoomsAsync());

        Assert.Equal(TwirpErrorCode.Internal, e.Code);
        Assert.Contains("text/plain", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Call_SuccessWithUndecodableProtobuf_Malformed()
    {
        fixture.Server.Reply = _ => new TestReply(200, "application/protobuf", [0x0a, 0xff, 0xff, 0xff, 0xff, 0x0f]);

        var e = await Assert.ThrowsAsync<TwirpException>(() => Client().ListRoomsAsync());

        Assert.Equal(TwirpErrorCode.Malformed, e.Code);
    }

    [Fact]
    public async Task Call_SuccessWithInvalidJson_Malformed()
    {
        Reply(200, "application/json", "{\"rooms\": [1, 2");

        var e = await Assert.ThrowsAsync<TwirpException>(() => Client(TwirpEncoding.Json).ListRoomsAsync());

        Assert.Equal(TwirpErrorCode.Malformed, e.Code);
    }

    [Fact]
    public async Task Call_JsonReplyWithUnknownFields_Ignored()
    {
        Reply(200, "application/json", """{"rooms":[{"name":"call-42","futureField":{"x":1}}],"nextPageToken":"t"}""");

        var rooms = await Client(TwirpEncoding.Json).ListRoomsAsync();

        Assert.Equal("call-42", Assert.Single(rooms).Name);
    }

    [Fact]
    public async Task BadInput_RejectedBeforeAnyRequest()
    {
        var client = Client();

        Assert.Equal("room", (await Assert.ThrowsAsync<ArgumentException>(() => client.DeleteRoomAsync(""))).ParamName);
        Assert.Equal("identity", (await Assert.ThrowsAsync<ArgumentException>(() => client.GetParticipantAsync("call-42", " "))).ParamName);
        Assert.Equal("request.Name", (await Assert.ThrowsAsync<ArgumentException>(() => client.CreateRoomAsync(new CreateRoomRequest { Name = new string('x', 257) }))).ParamName);
        Assert.Equal("destinationRoom", (await Assert.ThrowsAsync<ArgumentException>(() => client.MoveParticipantAsync("call-42", "a", "call-42"))).ParamName);
        Assert.Equal("room", (await Assert.ThrowsAsync<ArgumentException>(() => client.ListParticipantsAsync("tab\there"))).ParamName);
        Assert.Empty(fixture.Server.Requests);
    }

    [Fact]
    public async Task Call_Cancelled_ThrowsOperationCanceled()
    {
        using var cts = new CancellationTokenSource();
        await cts.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => Client().ListRoomsAsync(null, cts.Token));
    }
}
