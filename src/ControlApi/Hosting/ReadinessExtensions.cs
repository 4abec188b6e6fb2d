using System.Text.Json;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;

namespace WarmTransfer.ControlApi.Hosting;

/// <summary><c>/ready</c>: the store and LiveKit are reachable (503 otherwise), with a JSON body naming each check.</summary>
internal static class ReadinessExtensions
{
    public const string ReadyTag = "ready";

    public static WebApplicationBuilder AddReadiness(this WebApplicationBuilder builder)
    {
        builder.Services.AddHealthChecks()
            .AddCheck<StoreHealthCheck>("store", tags: [ReadyTag])
            .AddCheck<LiveKitHealthCheck>("livekit", tags: [ReadyTag]);
        return builder;
    }

    public static WebApplication MapReadiness(this WebApplication app)
    {
        app.MapHealthChecks("/ready", new HealthCheckOptions
        {
            Predicate = check => check.Tags.Contains(ReadyTag),
            ResponseWriter = (context, report) =>
            {
                context.Response.ContentType = "application/json";
                return context.Response.WriteAsync(JsonSerializer.Serialize(new
                {
                    status = report.Status.ToString(),
                    checks = report.Entries.ToDictionary(e => e.Key, e => new { status = e.Value.Status.ToString(), description = e.Value.Description }),
                }));
            },
        }).AllowAnonymous();
        return app;
    }
}
