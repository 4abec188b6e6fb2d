namespace LiveKit.Api.Tests.Services;

public sealed class LiveKitUrlTests
{
    [Theory]
    [InlineData("ws://127.0.0.1:7880", "http://127.0.0.1:7880/")]
    [InlineData("wss://example.livekit.cloud", "https://example.livekit.cloud/")]
    [InlineData("WSS://Example.LiveKit.Cloud/", "https://example.livekit.cloud/")]
    [InlineData("http://localhost:7880/", "http://localhost:7880/")]
    [InlineData("https://example.livekit.cloud:443", "https://example.livekit.cloud/")]
    [InlineData("wss://host:8443/livekit/", "https://host:8443/livekit")]
    [InlineData("ws://127.0.0.1:7880/rtc?access_token=x#f", "http://127.0.0.1:7880/rtc")]
    [InlineData(" ws://[::1]:7880 ", "http://[::1]:7880/")]
    public void ToHttpBase_NormalisesScheme(string url, string expected)
    {
        Assert.Equal(expected, LiveKitUrl.ToHttpBase(url).AbsoluteUri);
    }

    [Theory]
    [InlineData("ftp://example.com", "scheme 'ftp'")]
    [InlineData("/rtc", "not an absolute URL")]
    [InlineData("example.com:7880", "not an absolute URL")]
    [InlineData("file:///tmp/x", "not an absolute URL")]
    public void ToHttpBase_Unusable_ThrowsWithReason(string url, string expected)
    {
        var e = Assert.Throws<ArgumentException>(() => LiveKitUrl.ToHttpBase(url));

        Assert.Contains(expected, e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ServiceClients_WsUrl_CallHttp()
    {
        Assert.Equal("http://127.0.0.1:7880/", new RoomServiceClient("ws://127.0.0.1:7880", "k", "s").BaseUri.AbsoluteUri);
        Assert.Equal("https://x.livekit.cloud/", new AgentDispatchServiceClient("wss://x.livekit.cloud", "k", "s").BaseUri.AbsoluteUri);
    }
}
