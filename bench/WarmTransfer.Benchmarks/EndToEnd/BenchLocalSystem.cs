using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Net.Sockets;
using System.Text.Json;
using LiveKit.DevServer;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using WarmTransfer.TransferAgent.Hosting;
using WarmTransfer.TransferAgent.Worker;

namespace WarmTransfer.Benchmarks.EndToEnd;

/// <summary>
/// The whole local system in-process on ephemeral loopback ports, as the one run command starts it: dev server
/// (signalling, media, agent dispatch, webhooks), the real control API (SQLite in a temp folder, real LiveKit gateway)
/// and the worker (<see cref="TransferAgentHost"/> on the offline Development defaults). Logging at warning level.
/// </summary>
internal sealed class BenchLocalSystem : IAsyncDisposable
{
    public const string WorkerKey = "bench-worker-key-0123456789";

    private readonly Factory _api;
    private readonly IHost _worker;
    private readonly string _folder;

    private BenchLocalSystem(LiveKit.DevServer.DevServer liveKit, Factory api, Uri apiAddress, IHost worker, string folder)
    {
        LiveKit = liveKit;
        _api = api;
        ApiAddress = apiAddress;
        _worker = worker;
        _folder = folder;
    }

    public global::LiveKit.DevServer.DevServer LiveKit { get; }

    public Uri ApiAddress { get; }

    /// <param name="workerSettings">Worker settings on top of the offline defaults.</param>
    public static async Task<BenchLocalSystem> StartAsync(IReadOnlyDictionary<string, string> workerSettings, CancellationToken cancellationToken)
    {
        var folder = Directory.CreateTempSubdirectory("wt-bench-e2e-").FullName;
        var apiPort = ReservePort();
        var liveKit = await global::LiveKit.DevServer.DevServer.StartAsync(
            new DevServerOptions { Port = 0, RtcUdpPort = 0, WebhookUrl = new Uri($"http://127.0.0.1:{apiPort}/api/livekit/webhook") },
            cancellationToken).ConfigureAwait(false);
        var api = new Factory(new Dictionary<string, string>
        {
            ["LIVEKIT_URL"] = liveKit.Url,
            ["LIVEKIT_API_KEY"] = liveKit.ApiKey,
            ["LIVEKIT_API_SECRET"] = liveKit.ApiSecret,
            ["WORKER_API_KEY"] = WorkerKey,
            ["Store:Path"] = Path.Combine(folder, "control-api.db"),
            ["Auth:DevelopmentAccounts"] = "true",
            ["Web:Root"] = Path.Combine(RepoRoot(), "web"),
            ["Web:VendorRoot"] = Path.Combine(RepoRoot(), "node_modules", "livekit-client", "dist"),
            ["RateLimits:TokensPerSecond"] = "100000",
            ["RateLimits:TokensBurst"] = "100000",
            ["RateLimits:TransferCommandsPerSecond"] = "100000",
            ["RateLimits:TransferCommandsBurst"] = "100000",
            ["RateLimits:LoginsPerMinute"] = "100000",
            ["LOG_LEVEL"] = "warning",
        });
        api.UseKestrel(o => o.Listen(IPAddress.Loopback, apiPort));
        api.StartServer();
        var apiAddress = new Uri($"http://127.0.0.1:{apiPort}/");

        var settings = new Dictionary<string, string>
        {
            ["environment"] = "Development",
            ["LIVEKIT_URL"] = liveKit.Url,
            ["LIVEKIT_API_KEY"] = liveKit.ApiKey,
            ["LIVEKIT_API_SECRET"] = liveKit.ApiSecret,
            ["CONTROL_API_URL"] = apiAddress.ToString().TrimEnd('/'),
            ["WORKER_API_KEY"] = WorkerKey,
            ["Health:Urls"] = string.Empty,
            ["Worker:DrainTimeout"] = "00:00:03",
            ["LOG_LEVEL"] = "warning",
        };
        foreach (var (key, value) in workerSettings)
        {
            settings[key] = value;
        }

        var worker = TransferAgentHost.CreateBuilder([.. settings.Select(s => $"--{s.Key}={s.Value}")]).Build();
        await worker.StartAsync(cancellationToken).ConfigureAwait(false);
        using var registered = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        registered.CancelAfter(TimeSpan.FromMinutes(2));
        await worker.Services.GetRequiredService<WorkerRegistration>().WaitForRegisteredAsync(registered.Token).ConfigureAwait(false);
        return new BenchLocalSystem(liveKit, api, apiAddress, worker, folder);
    }

    public HttpClient Anonymous() => new() { BaseAddress = ApiAddress, Timeout = TimeSpan.FromSeconds(60) };

    public async Task<HttpClient> LoginAsync(string identity)
    {
        var client = Anonymous();
        using var response = await client.PostAsJsonAsync("/api/auth/login", new { identity, password = "dev" }).ConfigureAwait(false);
        response.EnsureSuccessStatusCode();
        var session = await response.Content.ReadFromJsonAsync<JsonElement>().ConfigureAwait(false);
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", session.GetProperty("accessToken").GetString());
        return client;
    }

    public async ValueTask DisposeAsync()
    {
        using (var stop = new CancellationTokenSource(TimeSpan.FromMinutes(1)))
        {
            await _worker.StopAsync(stop.Token).ConfigureAwait(false);
        }

        _worker.Dispose();
        await _api.DisposeAsync().ConfigureAwait(false);
        await LiveKit.DisposeAsync().ConfigureAwait(false);
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        try
        {
            Directory.Delete(_folder, recursive: true);
        }
        catch (IOException)
        {
            // A temp folder left behind is harmless.
        }
    }

    private static int ReservePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private static string RepoRoot()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "WarmTransfer.sln")))
            {
                return directory.FullName;
            }
        }

        throw new InvalidOperationException($"No WarmTransfer.sln above {AppContext.BaseDirectory}.");
    }

    // Any type of the ControlApi assembly names the entry point; "Program" is ambiguous here.
    private sealed class Factory(IReadOnlyDictionary<string, string> settings) : WebApplicationFactory<WarmTransfer.ControlApi.Hosting.ApiOptions>
    {
        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            builder.UseEnvironment("Development");
            builder.UseContentRoot(Path.Combine(RepoRoot(), "src", "ControlApi"));
            foreach (var (key, value) in settings)
            {
                builder.UseSetting(key, value);
            }
        }
    }
}
