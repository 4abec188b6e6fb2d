using System.Net;
using System.Net.Http.Headers;
using System.Net.Sockets;
using LiveKit.DevServer;

namespace WarmTransfer.EndToEnd.Infrastructure;

/// <summary>
/// The whole local system on ephemeral loopback ports, as the one run command starts it: the LiveKit-compatible dev
/// server (signalling, Twirp, media, webhooks to the control API), the control API (serving <c>web/</c>, with its
/// own temp SQLite file) and, when <see cref="LocalSystemOptions.StartWorker"/> is given, the transfer worker.
/// Each test starts its own and disposes it; nothing is shared between tests but the browsers.
/// </summary>
public sealed class LocalSystem : IAsyncDisposable
{
    public const string WorkerKey = "e2e-worker-key-0123456789";

    private readonly string _dataDirectory;
    private IAsyncDisposable? _worker;

    private LocalSystem(DevServer liveKit, ControlApiServer api, string dataDirectory)
    {
        LiveKit = liveKit;
        Api = api;
        _dataDirectory = dataDirectory;
    }

    public DevServer LiveKit { get; }

    public ControlApiServer Api { get; }

    /// <summary>Where the pages are: <c>{BaseAddress}caller.html</c>, <c>{BaseAddress}agent.html</c>.</summary>
    public Uri BaseAddress => Api.BaseAddress;

    public string PageUrl(string page) => new Uri(BaseAddress, page).ToString();

    public static async Task<LocalSystem> StartAsync(LocalSystemOptions? options = null, CancellationToken cancellationToken = default)
    {
        options ??= new LocalSystemOptions();
        RequireVendorClient();
        var dataDirectory = Directory.CreateTempSubdirectory("wt-e2e-").FullName;

        // The dev server posts webhooks to the control API and the control API calls the dev server, so one of the two
        // must know the other's port first: the control API's is reserved (bound to port 0, released, reused at once).
        for (var attempt = 1; ; attempt++)
        {
            var apiPort = ReservePort();
            var liveKit = await DevServer.StartAsync(
                new DevServerOptions
                {
                    Port = 0,
                    RtcUdpPort = 0,
                    WebhookUrl = new Uri($"http://127.0.0.1:{apiPort}/api/livekit/webhook"),
                },
                cancellationToken);
            try
            {
                var api = ControlApiServer.Start(apiPort, Settings(options, liveKit, dataDirectory));
                var system = new LocalSystem(liveKit, api, dataDirectory);
                if (options.StartWorker is { } startWorker)
                {
                    system._worker = await startWorker(system, cancellationToken);
                }

                return system;
            }
            catch (IOException) when (attempt < 3)
            {
                // The reserved port was taken in between: try another.
                await liveKit.DisposeAsync();
            }
            catch
            {
                await liveKit.DisposeAsync();
                throw;
            }
        }
    }

    /// <summary>An anonymous client of the control API.</summary>
    public HttpClient Anonymous() => Api.NewClient();

    /// <summary>A client with the console session of <paramref name="identity"/>.</summary>
    public Task<HttpClient> LoginAsync(string identity) => Api.LoginAsync(identity);

    /// <summary>A client authenticated as the worker (posts transcripts, summaries, briefing events).</summary>
    public HttpClient Worker()
    {
        var client = Api.NewClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", WorkerKey);
        return client;
    }

    public async ValueTask DisposeAsync()
    {
        if (_worker is not null)
        {
            await _worker.DisposeAsync();
        }

        await Api.DisposeAsync();
        await LiveKit.DisposeAsync();
        try
        {
            Directory.Delete(_dataDirectory, recursive: true);
        }
        catch (IOException)
        {
            // A temp folder left behind is harmless.
        }
    }

    private static Dictionary<string, string?> Settings(LocalSystemOptions options, DevServer liveKit, string dataDirectory)
    {
        var settings = new Dictionary<string, string?>
        {
            ["LIVEKIT_URL"] = liveKit.Url,
            ["LIVEKIT_API_KEY"] = liveKit.ApiKey,
            ["LIVEKIT_API_SECRET"] = liveKit.ApiSecret,
            ["WORKER_API_KEY"] = WorkerKey,
            ["Store:Path"] = Path.Combine(dataDirectory, "control-api.db"),
            ["Auth:DevelopmentAccounts"] = "true",
            ["Web:Root"] = RepoPaths.Web,
            ["Web:VendorRoot"] = RepoPaths.LiveKitClientDist,
            ["RateLimits:TokensPerSecond"] = "1000",
            ["RateLimits:TokensBurst"] = "1000",
            ["RateLimits:TransferCommandsPerSecond"] = "1000",
            ["RateLimits:TransferCommandsBurst"] = "1000",
            ["RateLimits:LoginsPerMinute"] = "1000",
            ["LOG_LEVEL"] = "warning",
        };
        foreach (var (key, value) in options.Settings)
        {
            settings[key] = value;
        }

        return settings;
    }

    private static int ReservePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private static void RequireVendorClient()
    {
        var client = Path.Combine(RepoPaths.LiveKitClientDist, "livekit-client.umd.js");
        if (!File.Exists(client))
        {
            throw new InvalidOperationException($"{client} is missing; run ./scripts/setup.sh --tests first.");
        }
    }
}
