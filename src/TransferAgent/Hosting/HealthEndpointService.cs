using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using WarmTransfer.TransferAgent.Worker;

namespace WarmTransfer.TransferAgent.Hosting;

/// <summary>
/// The worker's health endpoints on <see cref="HealthOptions.Urls"/>, a small Kestrel listener beside the generic host
/// (the worker itself serves no HTTP): <c>/health</c> and <c>/alive</c> answer 200 while the process runs (the
/// container's HEALTHCHECK uses <c>/alive</c>); <c>/ready</c> answers 200 while the worker is registered with the
/// LiveKit server and 503 otherwise.
/// </summary>
public sealed partial class HealthEndpointService(
    IOptions<HealthOptions> options,
    WorkerRegistration registration,
    ILogger<HealthEndpointService> logger) : IHostedService, IAsyncDisposable
{
    private WebApplication? _app;

    /// <summary>The addresses actually bound (with port 0 resolved); empty when the endpoints are off or not started.</summary>
    public IReadOnlyList<string> Addresses { get; private set; } = [];

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        string urls = options.Value.Urls.Trim();
        if (urls.Length == 0)
        {
            return;
        }

        var builder = WebApplication.CreateEmptyBuilder(new WebApplicationOptions { ApplicationName = typeof(HealthEndpointService).Assembly.GetName().Name });
        builder.WebHost.UseKestrelCore().UseUrls(urls);
        builder.Services.AddRoutingCore();
        var app = builder.Build();
        app.MapGet("/health", () => Results.Text("live"));
        app.MapGet("/alive", () => Results.Text("live"));
        app.MapGet("/ready", () => registration.WorkerId is { } id
            ? Results.Json(new ReadinessReport("ready", id))
            : Results.Json(new ReadinessReport("not registered with the LiveKit server", null), statusCode: StatusCodes.Status503ServiceUnavailable));
        await app.StartAsync(cancellationToken).ConfigureAwait(false);
        _app = app;
        Addresses = [.. app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()?.Addresses ?? []];
        string bound = string.Join(", ", Addresses);
        LogListening(logger, bound);
    }

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        if (_app is { } app)
        {
            await app.StopAsync(cancellationToken).ConfigureAwait(false);
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _app, null) is { } app)
        {
            await app.DisposeAsync().ConfigureAwait(false);
        }
    }

    [LoggerMessage(EventId = 4200, Level = LogLevel.Information, Message = "Health endpoints (/health, /alive, /ready) on {Addresses}")]
    private static partial void LogListening(ILogger logger, string addresses);
}
