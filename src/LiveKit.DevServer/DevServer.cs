using System.Globalization;
using LiveKit.DevServer.Rooms;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace LiveKit.DevServer;

/// <summary>
/// A LiveKit-compatible development server running in-process (Kestrel): signalling on <c>/rtc</c>, the
/// RoomService and AgentDispatchService Twirp APIs, and the agent worker endpoint <c>/agent</c>.
/// </summary>
/// <example>
/// <code>
/// await using var server = await DevServer.StartAsync(new DevServerOptions { Port = 0 }, ct);
/// // connect clients to server.Url with tokens signed by server.ApiKey / server.ApiSecret
/// </code>
/// </example>
public sealed class DevServer : IAsyncDisposable
{
    private readonly WebApplication _app;
    private int _disposed;

    private DevServer(WebApplication app, DevServerOptions options, int port)
    {
        _app = app;
        Port = port;
        var host = options.BindAddress.Contains(':', StringComparison.Ordinal) ? $"[{options.BindAddress}]" : options.BindAddress;
        Url = string.Create(CultureInfo.InvariantCulture, $"ws://{host}:{port}");
        HttpUrl = string.Create(CultureInfo.InvariantCulture, $"http://{host}:{port}");
        (ApiKey, ApiSecret) = options.SigningKey;
    }

    /// <summary>The WebSocket URL clients connect to, e.g. <c>ws://127.0.0.1:7880</c> (LIVEKIT_URL).</summary>
    public string Url { get; }

    /// <summary>The HTTP URL of the Twirp API, e.g. <c>http://127.0.0.1:7880</c>.</summary>
    public string HttpUrl { get; }

    /// <summary>The TCP port actually bound (useful with port 0).</summary>
    public int Port { get; }

    /// <summary>An API key the server accepts (the first configured one, or devkey).</summary>
    public string ApiKey { get; }

    /// <summary>The secret of <see cref="ApiKey"/>.</summary>
    public string ApiSecret { get; }

    /// <summary>The server's services (tests reach rooms and agents through it).</summary>
    internal IServiceProvider Services => _app.Services;

    /// <summary>Validates <paramref name="options"/>, starts the server and returns once it listens.</summary>
    /// <exception cref="OptionsValidationException">An option is invalid; the message names it.</exception>
    public static Task<DevServer> StartAsync(DevServerOptions options, CancellationToken cancellationToken) =>
        StartAsync(options, configure: null, cancellationToken);

    /// <summary>As <see cref="StartAsync(DevServerOptions, CancellationToken)"/>, letting tests add services (a media plane, a clock, logging).</summary>
    internal static async Task<DevServer> StartAsync(DevServerOptions options, Action<WebApplicationBuilder>? configure, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(options);
        Validate(options);

        var builder = WebApplication.CreateEmptyBuilder(new WebApplicationOptions { ApplicationName = typeof(DevServer).Assembly.GetName().Name });
        builder.WebHost.UseKestrelCore().ConfigureKestrel(kestrel => DevServerHost.Listen(kestrel, options));
        builder.Services.AddLogging();
        builder.Services.AddSingleton(Microsoft.Extensions.Options.Options.Create(options));
        configure?.Invoke(builder);
        builder.Services.AddDevServerCore();

        var app = builder.Build();
        app.MapDevServer();
        try
        {
            await app.StartAsync(cancellationToken).ConfigureAwait(false);
        }
        catch
        {
            await app.DisposeAsync().ConfigureAwait(false);
            throw;
        }

        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        return new DevServer(app, options, new Uri(address).Port);
    }

    /// <summary>Stops the server: participants get leave(SERVER_SHUTDOWN), workers are disconnected, queued webhooks are flushed.</summary>
    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
        {
            return;
        }

        await _app.StopAsync().ConfigureAwait(false);
        await _app.DisposeAsync().ConfigureAwait(false);
    }

    private static void Validate(DevServerOptions options)
    {
        var failures = new List<string>();
        foreach (var validator in new IValidateOptions<DevServerOptions>[] { new DevServerOptionsValidator(), new DevServerOptionsChecks() })
        {
            var result = validator.Validate(Microsoft.Extensions.Options.Options.DefaultName, options);
            if (result.Failed)
            {
                failures.AddRange(result.Failures);
            }
        }

        if (failures.Count > 0)
        {
            throw new OptionsValidationException(Microsoft.Extensions.Options.Options.DefaultName, typeof(DevServerOptions), failures);
        }
    }
}
