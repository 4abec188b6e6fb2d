using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;
using Google.Protobuf;
using LiveKit.Api;
using LiveKit.DevServer.Tests.Support;
using LiveKit.Proto;

namespace LiveKit.DevServer.Tests.Twirp;

/// <summary>The Twirp edge: both encodings, error format and status mapping, permissions, CORS.</summary>
public sealed class TwirpEndpointTests
{
    [Fact]
    public async Task Protobuf_ViaLiveKitApiClient_CreateListDelete()
    {
        await using var server = await TestServer.StartAsync();
        var client = new RoomServiceClient(server.HttpUrl, server.ApiKey, server.ApiSecret);

        var room = await client.CreateRoomAsync(new CreateRoomRequest { Name = "pb-room", EmptyTimeout = 30, Agents = { new RoomAgentDispatch { AgentName = "warm-transfer" } } });
        var rooms = await client.ListRoomsAsync();
        await client.DeleteRoomAsync("pb-room");

        Assert.Equal("pb-room", room.Name);
        Assert.Equal(30u, room.EmptyTimeout);
        Assert.Equal("pb-room", Assert.Single(rooms).Name);
        Assert.Empty(await client.ListRoomsAsync());
        var missing = await Assert.ThrowsAsync<TwirpException>(() => client.GetParticipantAsync("pb-room", "x"));
        Assert.Equal(TwirpErrorCode.NotFound, missing.Code);
    }

    [Fact]
    public async Task Json_CamelCaseAndProtoNamesAccepted_ReplyUsesProtoNamesWithDefaults()
    {
        await using var server = await TestServer.StartAsync();
        using var http = new HttpClient();

        var camel = await PostJsonAsync(http, server, "CreateRoom", """{"name":"json-room","emptyTimeout":45,"unknownField":1}""", Tokens.Admin(server, "json-room"));
        var snake = await PostJsonAsync(http, server, "UpdateRoomMetadata", """{"room":"json-room","metadata":"m"}""", Tokens.Admin(server, "json-room"));
        var proto = await PostJsonAsync(http, server, "ListRooms", """{"names":["json-room"]}""", Tokens.Admin(server, "json-room"));

        Assert.Equal(45, (int?)camel["empty_timeout"]);
        Assert.Equal(0, (int?)camel["max_participants"]);
        Assert.Equal("m", (string?)snake["metadata"]);
        Assert.Equal("json-room", (string?)proto["rooms"]![0]!["name"]);
    }

    [Theory]
    [InlineData("ListRooms", "{}", false, 401, "unauthenticated", "roomList")]
    [InlineData("ListParticipants", """{"room":"other"}""", true, 401, "unauthenticated", "roomAdmin for room 'other'")]
    [InlineData("MoveParticipant", """{"room":"r","identity":"a","destination_room":"elsewhere"}""", true, 401, "unauthenticated", "destinationRoom 'elsewhere'")]
    [InlineData("NoSuchMethod", "{}", true, 404, "bad_route", "no handler")]
    [InlineData("CreateRoom", "{not json", true, 400, "malformed", "CreateRoomRequest")]
    [InlineData("CreateRoom", """{"name":""}""", true, 400, "invalid_argument", "Room name")]
    [InlineData("GetParticipant", """{"room":"r","identity":"nobody"}""", true, 404, "not_found", "requested room does not exist")]
    public async Task Errors_TwirpJsonWithExactContentType_AndStatusFromCode(string method, string body, bool admin, int status, string code, string message)
    {
        await using var server = await TestServer.StartAsync();
        using var http = new HttpClient();
        var token = admin ? Tokens.Admin(server, "r") : Tokens.Join(server, "r", "someone");

        using var response = await PostAsync(http, server, method, body, token);

        Assert.Equal(status, (int)response.StatusCode);
        Assert.Equal("application/json", response.Content.Headers.GetValues("Content-Type").Single());
        var error = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
        Assert.Equal(code, (string?)error["code"]);
        Assert.Contains(message, (string?)error["msg"], StringComparison.Ordinal);
    }

    [Fact]
    public async Task MissingToken_Unauthenticated()
    {
        await using var server = await TestServer.StartAsync();
        using var http = new HttpClient();

        using var response = await PostAsync(http, server, "ListRooms", "{}", token: null);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal("unauthenticated", (string?)JsonNode.Parse(await response.Content.ReadAsStringAsync())!["code"]);
    }

    [Fact]
    public async Task UnsupportedContentType_BadRoute()
    {
        await using var server = await TestServer.StartAsync();
        using var http = new HttpClient();
        using var request = new HttpRequestMessage(HttpMethod.Post, $"{server.HttpUrl}/twirp/livekit.RoomService/ListRooms") { Content = new StringContent("{}", Encoding.UTF8, "text/plain") };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", Tokens.Admin(server, "r"));

        using var response = await http.SendAsync(request);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("bad_route", (string?)JsonNode.Parse(await response.Content.ReadAsStringAsync())!["code"]);
    }

    [Fact]
    public async Task Cors_PreflightAllowsAnyOriginAndHeaders_ResponsesCarryOrigin()
    {
        await using var server = await TestServer.StartAsync();
        using var http = new HttpClient();
        using var preflight = new HttpRequestMessage(HttpMethod.Options, $"{server.HttpUrl}/twirp/livekit.RoomService/ListRooms");
        preflight.Headers.Add("Origin", "http://127.0.0.1:8080");
        preflight.Headers.Add("Access-Control-Request-Method", "POST");
        preflight.Headers.Add("Access-Control-Request-Headers", "authorization,content-type,x-livekit-request-id");

        using var response = await http.SendAsync(preflight);

        Assert.True(response.IsSuccessStatusCode);
        Assert.Equal("*", response.Headers.GetValues("Access-Control-Allow-Origin").Single());
        Assert.Contains("x-livekit-request-id", response.Headers.GetValues("Access-Control-Allow-Headers").Single(), StringComparison.OrdinalIgnoreCase);

        using var actual = new HttpRequestMessage(HttpMethod.Post, $"{server.HttpUrl}/twirp/livekit.RoomService/ListRooms") { Content = new StringContent("{}", Encoding.UTF8, "application/json") };
        actual.Headers.Add("Origin", "http://127.0.0.1:8080");
        actual.Headers.Authorization = new AuthenticationHeaderValue("Bearer", Tokens.Admin(server, "r"));
        using var listed = await http.SendAsync(actual);
        Assert.Equal("*", listed.Headers.GetValues("Access-Control-Allow-Origin").Single());
    }

    [Fact]
    public async Task OversizedBody_Malformed()
    {
        await using var server = await TestServer.StartAsync(o => o.Limits.MaxApiRequestBytes = 2048);
        using var http = new HttpClient();

        using var response = await PostAsync(http, server, "CreateRoom", $$"""{"name":"r","metadata":"{{new string('x', 4096)}}"}""", Tokens.Admin(server, "r"));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("exceeds the limit of 2048 bytes", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task SendData_BadNonce_InvalidArgument()
    {
        await using var server = await TestServer.StartAsync();
        var client = new RoomServiceClient(server.HttpUrl, server.ApiKey, server.ApiSecret);
        await client.CreateRoomAsync(new CreateRoomRequest { Name = "r" });

        var error = await Assert.ThrowsAsync<TwirpException>(() => client.SendDataAsync(new SendDataRequest { Room = "r", Data = ByteString.CopyFromUtf8("x"), Nonce = ByteString.CopyFrom(1, 2, 3) }));

        Assert.Equal(TwirpErrorCode.InvalidArgument, error.Code);
        Assert.Contains("nonce", error.Message, StringComparison.Ordinal);
    }

    private static async Task<JsonNode> PostJsonAsync(HttpClient http, DevServer server, string method, string body, string token)
    {
        using var response = await PostAsync(http, server, method, body, token);
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, text);
        Assert.Equal("application/json", response.Content.Headers.ContentType!.MediaType);
        return JsonNode.Parse(text)!;
    }

    private static async Task<HttpResponseMessage> PostAsync(HttpClient http, DevServer server, string method, string body, string? token)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, $"{server.HttpUrl}/twirp/livekit.RoomService/{method}")
        {
            Content = new StringContent(body, Encoding.UTF8, "application/json"),
        };
        if (token is not null)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        }

        return await http.SendAsync(request);
    }
}
