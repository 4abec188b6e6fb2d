extern alias DevServerHost;

using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using LiveKit.Api;
using DevServerHost::LiveKit.DevServer;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using WarmTransfer.ControlApi.Tests.TestSupport;

namespace WarmTransfer.ControlApi.Tests.WithDevServer;

/// <summary>
/// The real control API (its Program, on a loopback port, with a SQLite file in its own temp folder) pointed at a
/// real dev server started in this process (port 0, WebRTC media plane). No fake anywhere between them: rooms,
/// dispatches, data packets, moves and removals happen in the dev server, and the tests read its state back through
/// its Twirp API and with LiveKit.Rtc clients.
/// </summary>
public sealed class DevServerControlApiHost : IAsyncDisposable
{
    private readonly Factory _factory;

    private DevServerControlApiHost(DevServer liveKit, Factory factory, string dataDirectory)
    {
        LiveKit = liveKit;
        _factory = factory;
        DataDirectory = dataDirectory;
        Client = NewClient();
        Rooms = new RoomServiceClient(liveKit.HttpUrl, liveKit.ApiKey, liveKit.ApiSecret);
        Dispatches = new AgentDispatchServiceClient(liveKit.HttpUrl, liveKit.ApiKey, liveKit.ApiSecret);
    }

    public DevServer LiveKit { get; }

    public string DataDirectory { get; }

    /// <summary>An anonymous client of the control API.</summary>
    public HttpClient Client { get; }

    /// <summary>The dev server's RoomService, with admin credentials (what the server reports).</summary>
    public RoomServiceClient Rooms { get; }

    /// <summary>The dev server's AgentDispatchService, with admin credentials.</summary>
    public AgentDispatchServiceClient Dispatches { get; }

    public static async Task<DevServerControlApiHost> StartAsync()
    {
        using var cts = new CancellationTokenSource(TestDefaults.Timeout);
        var liveKit = await DevServer.StartAsync(new DevServerOptions { Port = 0, RtcUdpPort = 0, Media = DevServerMediaMode.WebRtc }, cts.Token);
        var dataDirectory = Directory.CreateTempSubdirectory("wt-control-api-devserver-").FullName;
        var settings = new Dictionary<string, string>
        {
            ["LIVEKIT_URL"] = liveKit.Url,
            ["LIVEKIT_API_KEY"] = liveKit.ApiKey,
            ["LIVEKIT_API_SECRET"] = liveKit.ApiSecret,
            ["WORKER_API_KEY"] = TestDefaults.WorkerKey,
            ["Store:Path"] = Path.Combine(dataDirectory, "control-api.db"),
            ["Auth:DevelopmentAccounts"] = "true",
            ["Seed:AllowAnonymous"] = "true",
            // Presence is not polled: these tests drive every state change themselves.
            ["Transfers:PresencePollInterval"] = "00:00:00",
            ["Web:Root"] = Path.Combine(dataDirectory, "web-absent"),
            ["LOG_LEVEL"] = "warning",
        };
        var factory = new Factory(settings);
        factory.UseKestrel(o => o.Listen(IPAddress.Loopback, 0));
        try
        {
            factory.StartServer();
        }
        catch
        {
            await factory.DisposeAsync();
            await liveKit.DisposeAsync();
            ControlApiHost.DeleteDirectory(dataDirectory);
            throw;
        }

        return new DevServerControlApiHost(liveKit, factory, dataDirectory);
    }

    public HttpClient NewClient() => new() { BaseAddress = _factory.ClientOptions.BaseAddress, Timeout = TestDefaults.Timeout };

    /// <summary>A client logged in as <paramref name="identity"/> (development accounts, password "dev").</summary>
    public async Task<HttpClient> LoginAsync(string identity)
    {
        using var response = await Client.PostAsJsonAsync("/api/auth/login", new { identity, password = "dev" });
        response.EnsureSuccessStatusCode();
        var session = await response.Content.ReadFromJsonAsync<System.Text.Json.JsonElement>();
        var client = NewClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", session.Str("accessToken"));
        return client;
    }

    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        await _factory.DisposeAsync();
        await LiveKit.DisposeAsync();
        ControlApiHost.DeleteDirectory(DataDirectory);
    }

    private sealed class Factory(IReadOnlyDictionary<string, string> settings) : WebApplicationFactory<Program>
    {
        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            builder.UseEnvironment("Development");
            foreach (var (key, value) in settings)
            {
                builder.UseSetting(key, value);
            }
        }
    }
}
