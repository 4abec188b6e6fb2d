using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace WarmTransfer.ControlApi.Tests.TestSupport;

/// <summary>
/// The real control API (its Program) on a loopback port, with a SQLite file in its own temp folder, talking to a
/// <see cref="FakeLiveKitServer"/>, with a <see cref="FakeTimeProvider"/> for its timers. Each test builds its own.
/// A restart is a new host on the same <see cref="DataDirectory"/>.
/// </summary>
public sealed class ControlApiHost : IAsyncDisposable
{
    private readonly Factory _factory;
    private readonly bool _ownsDirectory;

    private ControlApiHost(Factory factory, string dataDirectory, bool ownsDirectory, FakeTimeProvider time)
    {
        _factory = factory;
        DataDirectory = dataDirectory;
        _ownsDirectory = ownsDirectory;
        Time = time;
        BaseAddress = factory.ClientOptions.BaseAddress;
        Client = NewClient();
    }

    public static JsonSerializerOptions Json { get; } = new(JsonSerializerDefaults.Web);

    public FakeTimeProvider Time { get; }

    public string DataDirectory { get; }

    public string DatabasePath => Path.Combine(DataDirectory, "control-api.db");

    public Uri BaseAddress { get; }

    /// <summary>An anonymous client.</summary>
    public HttpClient Client { get; }

    public IServiceProvider Services => _factory.Services;

    /// <summary>Starts a host. Settings override the test defaults; a null value removes a default.</summary>
    public static Task<ControlApiHost> StartAsync(
        FakeLiveKitServer liveKit,
        IReadOnlyDictionary<string, string?>? settings = null,
        string? dataDirectory = null,
        FakeTimeProvider? time = null,
        string environment = "Development",
        Action<Microsoft.Extensions.DependencyInjection.IServiceCollection>? services = null)
    {
        var ownsDirectory = dataDirectory is null;
        dataDirectory ??= Directory.CreateTempSubdirectory("wt-control-api-").FullName;
        time ??= new FakeTimeProvider(DateTimeOffset.UtcNow);
        var merged = new Dictionary<string, string?>
        {
            ["LIVEKIT_URL"] = liveKit.Url,
            ["LIVEKIT_API_KEY"] = FakeLiveKitServer.ApiKey,
            ["LIVEKIT_API_SECRET"] = FakeLiveKitServer.ApiSecret,
            ["WORKER_API_KEY"] = TestDefaults.WorkerKey,
            ["Store:Path"] = Path.Combine(dataDirectory, "control-api.db"),
            ["Auth:DevelopmentAccounts"] = "true",
            ["Seed:AllowAnonymous"] = "true",
            ["RateLimits:TokensPerSecond"] = "100000",
            ["RateLimits:TokensBurst"] = "100000",
            ["RateLimits:TransferCommandsPerSecond"] = "100000",
            ["RateLimits:TransferCommandsBurst"] = "100000",
            ["RateLimits:LoginsPerMinute"] = "100000",
            ["Transfers:PresencePollInterval"] = "00:00:00",
            ["Web:Root"] = Path.Combine(dataDirectory, "web-absent"),
            ["LOG_LEVEL"] = "warning",
        };
        foreach (var (key, value) in settings ?? new Dictionary<string, string?>())
        {
            merged[key] = value;
        }

        var factory = new Factory(merged, time, environment, services);
        factory.UseKestrel(o => o.Listen(IPAddress.Loopback, 0));
        try
        {
            factory.StartServer();
        }
        catch
        {
            factory.Dispose();
            if (ownsDirectory)
            {
                DeleteDirectory(dataDirectory);
            }

            throw;
        }

        var host = new ControlApiHost(factory, dataDirectory, ownsDirectory, time);
        if (liveKit.WebhookTarget is null)
        {
            liveKit.WebhookTarget = new Uri(host.BaseAddress, "/api/livekit/webhook");
        }

        return Task.FromResult(host);
    }

    public T Service<T>()
        where T : notnull => _factory.Services.GetRequiredService<T>();

    public HttpClient NewClient() => new() { BaseAddress = BaseAddress, Timeout = TestDefaults.Timeout };

    /// <summary>A client logged in as <paramref name="identity"/> (development login, password "dev").</summary>
    public async Task<HttpClient> LoginAsync(string identity, string password = "dev")
    {
        var session = await LoginSessionAsync(identity, password);
        var client = NewClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", session.GetProperty("accessToken").GetString());
        return client;
    }

    public async Task<JsonElement> LoginSessionAsync(string identity, string password = "dev")
    {
        using var response = await Client.PostAsJsonAsync("/api/auth/login", new { identity, password });
        response.EnsureSuccessStatusCode();
        return await response.Content.ReadFromJsonAsync<JsonElement>();
    }

    /// <summary>A client authenticated as the worker.</summary>
    public HttpClient Worker()
    {
        var client = NewClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", TestDefaults.WorkerKey);
        return client;
    }

    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        await _factory.DisposeAsync();
        if (_ownsDirectory)
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            try
            {
                Directory.Delete(DataDirectory, recursive: true);
            }
            catch (IOException)
            {
                // Best effort: a temp folder left behind is harmless.
            }
        }
    }

    /// <summary>Deletes a data directory a restart test kept across hosts.</summary>
    public static void DeleteDirectory(string directory)
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        try
        {
            Directory.Delete(directory, recursive: true);
        }
        catch (IOException)
        {
        }
    }

    private sealed class Factory(
        IReadOnlyDictionary<string, string?> settings,
        FakeTimeProvider time,
        string environment,
        Action<IServiceCollection>? configureServices) : WebApplicationFactory<Program>
    {
        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            builder.UseEnvironment(environment);
            foreach (var (key, value) in settings)
            {
                if (value is not null)
                {
                    builder.UseSetting(key, value);
                }
            }

            builder.ConfigureTestServices(services =>
            {
                services.AddSingleton<TimeProvider>(time);
                configureServices?.Invoke(services);
            });
        }
    }
}
