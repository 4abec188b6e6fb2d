using System.Net;
using WarmTransfer.ControlApi.Tests.TestSupport;

namespace WarmTransfer.ControlApi.Tests.Web;

public sealed class WebContentTests
{
    [Fact]
    public async Task Pages_AndLiveKitClient_AreServedFromConfiguredFolders()
    {
        var folder = Directory.CreateTempSubdirectory("wt-web-").FullName;
        try
        {
            var web = Directory.CreateDirectory(Path.Combine(folder, "web")).FullName;
            var vendor = Directory.CreateDirectory(Path.Combine(folder, "vendor")).FullName;
            await File.WriteAllTextAsync(Path.Combine(web, "index.html"), "<html>console</html>");
            await File.WriteAllTextAsync(Path.Combine(web, "agent.html"), "<html>agent</html>");
            await File.WriteAllTextAsync(Path.Combine(vendor, "livekit-client.umd.js"), "window.LivekitClient = {};");
            await using var liveKit = await FakeLiveKitServer.StartAsync();
            await using var api = await ControlApiHost.StartAsync(liveKit, new Dictionary<string, string?> { ["Web:Root"] = web, ["Web:VendorRoot"] = vendor });

            var index = await api.Client.GetStringAsync("/");
            var agent = await api.Client.GetStringAsync("/agent.html");
            var client = await api.Client.GetAsync("/vendor/livekit-client.umd.js");

            Assert.Equal("<html>console</html>", index);
            Assert.Equal("<html>agent</html>", agent);
            Assert.Equal(HttpStatusCode.OK, client.StatusCode);
            Assert.Equal("text/javascript", client.Content.Headers.ContentType?.MediaType);
            Assert.Equal("window.LivekitClient = {};", await client.Content.ReadAsStringAsync());
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    [Fact]
    public async Task LiveKitClient_Missing_Is404SayingHowToInstall()
    {
        await using var liveKit = await FakeLiveKitServer.StartAsync();
        await using var api = await ControlApiHost.StartAsync(liveKit, new Dictionary<string, string?> { ["Web:VendorRoot"] = "/nonexistent-vendor" });

        var (status, problem, _) = await api.Client.GetJsonAsync("/vendor/livekit-client.umd.js");

        Assert.Equal(HttpStatusCode.NotFound, status);
        Assert.Contains("scripts/setup.sh", problem.Str("detail"), StringComparison.Ordinal);
    }
}
