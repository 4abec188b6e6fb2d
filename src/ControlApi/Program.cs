using Microsoft.Extensions.Options;
using WarmTransfer.ControlApi.Auth;
using WarmTransfer.ControlApi.Calls;
using WarmTransfer.ControlApi.Events;
using WarmTransfer.ControlApi.Hosting;
using WarmTransfer.ControlApi.LiveKit;
using WarmTransfer.ControlApi.Rooms;
using WarmTransfer.ControlApi.Seed;
using WarmTransfer.ControlApi.Storage;
using WarmTransfer.ControlApi.Tokens;
using WarmTransfer.ControlApi.Transfers;
using WarmTransfer.ControlApi.Web;
using WarmTransfer.ControlApi.Webhooks;
using WarmTransfer.ControlApi.Worker;
using WarmTransfer.ServiceDefaults;

if (args is [PasswordHashCommand.Name, ..])
{
    return PasswordHashCommand.Run(Console.In, Console.Out, Console.Error);
}

var builder = WebApplication.CreateBuilder(args);
builder.AddServiceDefaults();       // Serilog (LOG_LEVEL), telemetry, /health
builder.AddHttpDefaults();          // 127.0.0.1:8080, JSON, problem details, body limits
builder.AddStore();                 // SQLite file, migrations, data-protection keys
builder.AddLiveKit();               // LIVEKIT_*, gateway, token factory, webhook receiver
builder.AddControlApiAuth();        // sessions, API keys, worker key, policies
builder.AddRateLimits();            // token, transfer and login budgets
builder.AddTransfers();             // rooms, calls, transfers, timers, transcripts, events
builder.AddApiDocs();               // OpenAPI + /docs
builder.AddReadiness();             // /ready: store + LiveKit
builder.Services.AddOptions<WebOptions>().BindConfiguration(WebOptions.Section);

return await HostRunner.RunAsync(Build, "The control API", Console.Error).ConfigureAwait(false);

// Building reads validated options (the web root, seeding): invalid settings surface here as well as at start.
WebApplication Build()
{
    var app = builder.Build();
    app.UseHttpDefaults();
    app.MapWebContent();                // web/ at /, /vendor/livekit-client.umd.js
    app.UseAuthentication();
    app.UseAuthorization();
    app.UseRateLimiter();

    app.MapDefaultEndpoints();          // /health, /alive
    app.MapReadiness();                 // /ready
    app.MapApiDocs();                   // /openapi/v1.json, /docs

    var api = app.MapGroup("/api");
    api.MapAuthApi();                   // /api/auth/login, /refresh, /me
    api.MapAgentApi();                  // /api/agents
    api.MapTokenApi();                  // /api/tokens/{agent,admin,bot}
    api.MapCallApi();                   // /api/calls (callers)
    api.MapRoomApi();                   // /api/rooms
    api.MapTransferApi();               // /api/transfers
    api.MapAgentEventApi();             // /api/events (SSE)
    api.MapWorkerApi();                 // /api/worker/*
    api.MapLiveKitWebhookApi();         // /api/livekit/webhook
    app.MapSeedApi(app.Services.GetRequiredService<IOptions<SeedOptions>>().Value, app.Environment);
    return app;
}

/// <summary>The entry point; partial so tests can host it (WebApplicationFactory).</summary>
#pragma warning disable CA1515 // The test host needs the entry point type.
public partial class Program;
#pragma warning restore CA1515
