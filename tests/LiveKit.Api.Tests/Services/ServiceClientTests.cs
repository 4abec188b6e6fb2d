using System.Text;
using System.Text.Json.Nodes;
using Google.Protobuf;
using LiveKit.Api.Tests.Support;
using LiveKit.Proto;

namespace LiveKit.Api.Tests.Services;

/// <summary>
/// Every RoomService and AgentDispatchService method, in both encodings, against a real HTTP endpoint on
/// loopback: the path, the bearer token and its exact grants, the content type, the request body, and
/// the decoded response.
/// </summary>
public sealed class ServiceClientTests(TwirpServerFixture fixture) : IClassFixture<TwirpServerFixture>
{
    private const string Key = "devkey";
    private const string Secret = "secret";
    private static readonly JsonParser ProtoJson = new(JsonParser.Settings.Default.WithIgnoreUnknownFields(false));

    public static TheoryData<string, TwirpEncoding> Cases()
    {
        var data = new TheoryData<string, TwirpEncoding>();
        foreach (var name in ServiceClientCase.All.Keys)
        {
            data.Add(name, TwirpEncoding.Protobuf);
            data.Add(name, TwirpEncoding.Json);
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task Call_SendsTwirpRequestWithExactGrants_AndDecodesReply(string name, TwirpEncoding encoding)
    {
        var c = ServiceClientCase.All[name];
        var server = fixture.Server;
        server.Requests.Clear();
        server.Reply = request => request.ContentType == TwirpContentTypes.Json
            ? new TestReply(200, "application/json", Encoding.UTF8.GetBytes(JsonFormatter.Default.Format(c.Reply)))
            : new TestReply(200, "application/protobuf", c.Reply.ToByteArray());
        var options = new LiveKitApiOptions { Url = server.WsUrl, ApiKey = Key, ApiSecret = Secret, Encoding = encoding };
        using var http = new HttpClient();

        var result = await c.Call(new RoomServiceClient(http, options), new AgentDispatchServiceClient(http, options));

        Assert.True(c.ResultMatches(result), $"unexpected result {result}");
        var request = Assert.Single(server.Requests);
        Assert.Equal("POST", request.Method);
        Assert.Equal($"/twirp/livekit.{c.Service}/{c.Method}", request.Path);
        Assert.Equal(encoding == TwirpEncoding.Json ? "application/json" : "application/protobuf", request.ContentType);

        Assert.StartsWith("Bearer ", request.Authorization, StringComparison.Ordinal);
        var token = request.Authorization["Bearer ".Length..];
        var claims = new TokenVerifier(Key, Secret).Verify(token);
        Assert.InRange((claims.ExpiresAt - claims.NotBefore)!.Value, TimeSpan.FromMinutes(1), TimeSpan.FromMinutes(10));
        var grants = Jwts.Payload(token)["video"];
        Assert.True(JsonNode.DeepEquals(JsonNode.Parse(c.ExpectedGrants), grants), $"grants {grants?.ToJsonString()}, expected {c.ExpectedGrants}");

        var sent = encoding == TwirpEncoding.Json
            ? ProtoJson.Parse(Encoding.UTF8.GetString(request.Body), c.ExpectedRequest.Descriptor)
            : c.ExpectedRequest.Descriptor.Parser.ParseFrom(request.Body);
        if (sent is SendDataRequest data)
        {
            Assert.Equal(16, data.Nonce.Length);
            data.Nonce = ByteString.Empty;
        }

        Assert.Equal(c.ExpectedRequest, sent);
    }

    [Fact]
    public void Cases_CoverEveryServiceMethodOfTheProto()
    {
        var declared = new[] { LivekitRoomReflection.Descriptor, LivekitAgentDispatchReflection.Descriptor }
            .SelectMany(f => f.Services)
            .SelectMany(s => s.Methods.Select(m => s.Name + "." + m.Name));

        Assert.Equal(declared.Order(), ServiceClientCase.All.Keys.Order());
    }
}
