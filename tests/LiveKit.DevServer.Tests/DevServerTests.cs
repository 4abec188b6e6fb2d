using System.Net;
using LiveKit.DevServer.Tests.Support;
using Microsoft.Extensions.Options;

namespace LiveKit.DevServer.Tests;

/// <summary>The embeddable entry point.</summary>
public sealed class DevServerTests
{
    [Fact]
    public async Task StartAsync_Port0_BindsLoopbackAndReportsUrls()
    {
        await using var server = await TestServer.StartAsync();

        Assert.True(server.Port > 0);
        Assert.Equal($"ws://127.0.0.1:{server.Port}", server.Url);
        Assert.Equal($"http://127.0.0.1:{server.Port}", server.HttpUrl);
        Assert.Equal("devkey", server.ApiKey);
        Assert.Equal("secret", server.ApiSecret);
        using var http = new HttpClient();
        using var root = await http.GetAsync(new Uri(server.HttpUrl + "/"));
        Assert.Equal(HttpStatusCode.OK, root.StatusCode);
        Assert.Equal("OK", await root.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task StartAsync_ConfiguredKeys_ReplaceTheDevKey()
    {
        await using var server = await TestServer.StartAsync(o => o.Keys["prodkey"] = "a-long-production-secret");

        Assert.Equal("prodkey", server.ApiKey);
        using var http = new HttpClient();
        using var devkey = await http.GetAsync(new Uri($"{server.HttpUrl}/rtc/validate?access_token={Tokens.Join("devkey", "secret", "r", "a")}"));
        Assert.Equal(HttpStatusCode.Unauthorized, devkey.StatusCode);
        using var prod = await http.GetAsync(new Uri($"{server.HttpUrl}/rtc/validate?access_token={Tokens.Join(server, "r", "a")}"));
        Assert.Equal(HttpStatusCode.OK, prod.StatusCode);
    }

    [Theory]
    [InlineData("port", "DevServer:Port")]
    [InlineData("bind", "DevServer:BindAddress")]
    [InlineData("webhook", "DevServer:WebhookUrl")]
    [InlineData("secret", "DevServer:Keys:k")]
    [InlineData("limit", "Limits.MaxSignalMessageBytes")]
    public async Task StartAsync_InvalidOption_FailsNamingTheSetting(string what, string setting)
    {
        var options = new DevServerOptions { Port = 0 };
        switch (what)
        {
            case "port": options.Port = 70000; break;
            case "bind": options.BindAddress = "localhost-ish"; break;
            case "webhook": options.WebhookUrl = new Uri("ftp://127.0.0.1/hook"); break;
            case "secret": options.Keys["k"] = string.Empty; break;
            default: options.Limits.MaxSignalMessageBytes = 1; break;
        }

        var error = await Assert.ThrowsAsync<OptionsValidationException>(() => DevServer.StartAsync(options, CancellationToken.None));

        Assert.Contains(setting.Replace("DevServer:", string.Empty, StringComparison.Ordinal), error.Message, StringComparison.Ordinal);
    }
}
