using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using WarmTransfer.ControlApi.LiveKit;

namespace WarmTransfer.Benchmarks.ControlApi;

/// <summary>
/// The real control API (its Program) on a loopback port with a SQLite file in a temp folder and
/// <see cref="NullLiveKitGateway"/> for LiveKit; rate limits are lifted so the load generator, not the limiter, sets
/// the pace. Logging is at warning level so console output does not distort the figures.
/// </summary>
internal sealed class BenchControlApiHost : IAsyncDisposable
{
    private readonly Factory _factory;
    private readonly string _folder;

    private BenchControlApiHost(Factory factory, string folder, NullLiveKitGateway liveKit)
    {
        _factory = factory;
        _folder = folder;
        LiveKit = liveKit;
        BaseAddress = factory.ClientOptions.BaseAddress;
    }

    public Uri BaseAddress { get; }

    public NullLiveKitGateway LiveKit { get; }

    public IServiceProvider Services => _factory.Services;

    public static BenchControlApiHost Start()
    {
        var folder = Directory.CreateTempSubdirectory("wt-bench-control-api-").FullName;
        var gateway = new NullLiveKitGateway();
        var factory = new Factory(folder, gateway);
        factory.UseKestrel(o => o.Listen(IPAddress.Loopback, 0));
        try
        {
            factory.StartServer();
        }
        catch
        {
            factory.Dispose();
            Directory.Delete(folder, recursive: true);
            throw;
        }

        return new BenchControlApiHost(factory, folder, gateway);
    }

    /// <summary>A client with connection pooling sized for the load (HTTP/1.1 keep-alive, many connections).</summary>
    public HttpClient NewClient() => new(new SocketsHttpHandler { MaxConnectionsPerServer = 256, PooledConnectionLifetime = TimeSpan.FromMinutes(10) })
    {
        BaseAddress = BaseAddress,
        Timeout = TimeSpan.FromSeconds(30),
    };

    public async Task<HttpClient> LoginAsync(string identity)
    {
        var client = NewClient();
        using var response = await client.PostAsJsonAsync("/api/auth/login", new { identity, password = "dev" }).ConfigureAwait(false);
        response.EnsureSuccessStatusCode();
        var session = await response.Content.ReadFromJsonAsync<JsonElement>().ConfigureAwait(false);
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", session.GetProperty("accessToken").GetString());
        return client;
    }

    public async ValueTask DisposeAsync()
    {
        await _factory.DisposeAsync().ConfigureAwait(false);
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        try
        {
            Directory.Delete(_folder, recursive: true);
        }
        catch (IOException)
        {
        }
    }

    // Any type of the ControlApi assembly names the entry point; "Program" is ambiguous here (the dev server has one too).
    private sealed class Factory(string folder, NullLiveKitGateway gateway) : WebApplicationFactory<WarmTransfer.ControlApi.Hosting.ApiOptions>
    {
        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            builder.UseEnvironment("Development");
            builder.UseContentRoot(folder);
            builder.UseSetting("Store:Path", Path.Combine(folder, "control-api.db"));
            builder.UseSetting("LOG_LEVEL", "warning");
            builder.UseSetting("Transfers:PresencePollInterval", "00:00:00");
            foreach (var limit in new[] { "TokensPerSecond", "TokensBurst", "TransferCommandsPerSecond", "TransferCommandsBurst", "LoginsPerMinute" })
            {
                builder.UseSetting("RateLimits:" + limit, "1000000");
            }

            builder.ConfigureTestServices(services => services.AddSingleton<ILiveKitGateway>(gateway));
        }
    }
}
