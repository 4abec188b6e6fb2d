using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Hosting;
using OpenTelemetry.Metrics;
using OpenTelemetry.Trace;
using Serilog;

namespace WarmTransfer.ServiceDefaults;

/// <summary>
/// Host defaults shared by the control API, the dev server and the worker: structured logging,
/// telemetry (exported only when an OTLP endpoint is configured) and health checks.
/// </summary>
public static class ServiceDefaultsExtensions
{
    /// <summary>Tag of the checks that make up liveness (<c>/alive</c>); every check makes up readiness.</summary>
    public const string LiveTag = "live";

    public static TBuilder AddServiceDefaults<TBuilder>(this TBuilder builder)
        where TBuilder : IHostApplicationBuilder
    {
        ArgumentNullException.ThrowIfNull(builder);
        // Read the configuration the container ends up with (not the builder's): test hosts add settings late.
        // ReadFrom.Services picks up ILogEventSink registrations, which is how tests capture what is logged.
        builder.Services.AddSerilog((services, logger) => logger
            .ReadFrom.Configuration(services.GetRequiredService<IConfiguration>())
            .ReadFrom.Services(services)
            .MinimumLevel.Is(LogLevels.Parse(services.GetRequiredService<IConfiguration>()["LOG_LEVEL"]))
            .MinimumLevel.Override("Microsoft.AspNetCore", Serilog.Events.LogEventLevel.Warning)
            .MinimumLevel.Override("Microsoft.Hosting.Lifetime", Serilog.Events.LogEventLevel.Information)
            .Enrich.FromLogContext()
            .WriteTo.Console(outputTemplate: "[{Timestamp:HH:mm:ss.fff} {Level:u3}] {SourceContext}: {Message:lj}{NewLine}{Exception}"),
            // Each host logs through its own logger, not the static Log.Logger: with several hosts in one process
            // (tests, the end-to-end system) the static one belongs to whichever started last.
            preserveStaticLogger: true);

        var otlp = builder.Configuration["OTEL_EXPORTER_OTLP_ENDPOINT"];
        if (!string.IsNullOrWhiteSpace(otlp))
        {
            builder.Services.AddOpenTelemetry()
                .WithMetrics(m => m.AddAspNetCoreInstrumentation().AddMeter("WarmTransfer.*", "LiveKit.*").AddOtlpExporter())
                .WithTracing(t => t.AddAspNetCoreInstrumentation().AddSource("WarmTransfer.*", "LiveKit.*").AddOtlpExporter());
        }

        builder.Services.AddHealthChecks().AddCheck("self", () => HealthCheckResult.Healthy(), [LiveTag]);
        return builder;
    }

    /// <summary>Maps <c>/health</c> and <c>/alive</c> (liveness only). Readiness endpoints belong to each host.</summary>
    public static WebApplication MapDefaultEndpoints(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        var live = new HealthCheckOptions { Predicate = r => r.Tags.Contains(LiveTag) };
        app.MapHealthChecks("/health", live);
        app.MapHealthChecks("/alive", live);
        return app;
    }
}
