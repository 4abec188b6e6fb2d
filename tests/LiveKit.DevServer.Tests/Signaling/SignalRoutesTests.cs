using System.Net;
using System.Net.WebSockets;
using LiveKit.DevServer.Tests.Support;

namespace LiveKit.DevServer.Tests.Signaling;

/// <summary>The HTTP surface around /rtc that the official clients' fallback relies on.</summary>
public sealed class SignalRoutesTests
{
    [Fact]
    public async Task RtcV1Upgrade_Answered404_SoClientsFallBack()
    {
        await using var server = await TestServer.StartAsync();
        using var socket = new ClientWebSocket();
        socket.Options.CollectHttpResponseDetails = true;

        await Assert.ThrowsAsync<WebSocketException>(() => socket.ConnectAsync(new Uri($"{server.Url}/rtc/v1?join_request=abc"), CancellationToken.None));

        Assert.Equal(HttpStatusCode.NotFound, socket.HttpStatusCode);
    }

    [Fact]
    public async Task RtcV1Validate_404WithCorsHeader_AndGenericBody()
    {
        await using var server = await TestServer.StartAsync();
        using var http = new HttpClient();
        using var request = new HttpRequestMessage(HttpMethod.Get, $"{server.HttpUrl}/rtc/v1/validate?access_token={Tokens.Join(server, "r", "a")}");
        request.Headers.Add("Origin", "http://127.0.0.1:9999");

        using var response = await http.SendAsync(request);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("*", Assert.Single(response.Headers.GetValues("Access-Control-Allow-Origin")));
        var body = await response.Content.ReadAsStringAsync();
        Assert.Equal("404 page not found", body);
        Assert.DoesNotContain("requested room does not exist", body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task RtcValidate_GoodToken_200Success()
    {
        await using var server = await TestServer.StartAsync();
        using var http = new HttpClient();

        using var response = await http.GetAsync(new Uri($"{server.HttpUrl}/rtc/validate?access_token={Tokens.Join(server, "r", "a")}&auto_subscribe=1"));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("success", await response.Content.ReadAsStringAsync());
        Assert.Equal("*", Assert.Single(response.Headers.GetValues("Access-Control-Allow-Origin")));
    }

    [Fact]
    public async Task Rtc_PlainGet_404()
    {
        await using var server = await TestServer.StartAsync();
        using var http = new HttpClient();

        using var response = await http.GetAsync(new Uri($"{server.HttpUrl}/rtc"));

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    [Fact]
    public async Task DoubleSlash_Collapsed_LikeLiveKitServer()
    {
        await using var server = await TestServer.StartAsync();
        using var http = new HttpClient();

        using var response = await http.GetAsync(new Uri($"{server.HttpUrl}//rtc/validate?access_token={Tokens.Join(server, "r", "a")}"));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }
}
