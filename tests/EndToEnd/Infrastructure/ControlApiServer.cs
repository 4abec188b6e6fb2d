extern alias ControlApiHost;

using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;

namespace WarmTransfer.EndToEnd.Infrastructure;

/// <summary>
/// The real control API (its <c>Program</c>) on a real Kestrel socket on 127.0.0.1, so a browser can load its pages
/// and call it. WebApplicationFactory is only the way to run <c>Program</c> in-process: with <c>UseKestrel</c> it
/// listens on the port given, no in-memory test server is involved.
/// </summary>
public sealed class ControlApiServer : IAsyncDisposable
{
    private readonly Factory _factory;

    private ControlApiServer(Factory factory, Uri baseAddress)
    {
        _factory = factory;
        BaseAddress = baseAddress;
    }

    public static JsonSerializerOptions Json { get; } = new(JsonSerializerDefaults.Web);

    public Uri BaseAddress { get; }

    public IServiceProvider Services => _factory.Services;

    /// <summary>Starts the host on <paramref name="port"/> with <paramref name="settings"/> (configuration keys).</summary>
    public static ControlApiServer Start(int port, IReadOnlyDictionary<string, string?> settings)
    {
        var factory = new Factory(settings);
        factory.UseKestrel(o => o.Listen(IPAddress.Loopback, port));
        try
        {
            factory.StartServer();
        }
        catch
        {
            factory.Dispose();
            throw;
        }

        return new ControlApiServer(factory, new Uri($"http://127.0.0.1:{port}/"));
    }

    public HttpClient NewClient() => new() { BaseAddress = BaseAddress, Timeout = TestTimeouts.Http };

    /// <summary>A client with a console session of <paramref name="identity"/> (development login).</summary>
    public async Task<HttpClient> LoginAsync(string identity, string password = "dev")
    {
        using var anonymous = NewClient();
        using var response = await anonymous.PostAsJsonAsync("/api/auth/login", new { identity, password });
        response.EnsureSuccessStatusCode();
        var session = await response.Content.ReadFromJsonAsync<JsonElement>();
        var client = NewClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", session.GetProperty("accessToken").GetString());
        return client;
    }

    public async ValueTask DisposeAsync()
    {
        await _factory.DisposeAsync();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
    }

    private sealed class Factory(IReadOnlyDictionary<string, string?> settings) : WebApplicationFactory<ControlApiHost::Program>
    {
        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            builder.UseEnvironment("Development");
            foreach (var (key, value) in settings)
            {
                if (value is not null)
                {
                    builder.UseSetting(key, value);
                }
            }
        }
    }
}
