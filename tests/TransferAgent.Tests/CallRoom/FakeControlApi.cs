using System.Net;
using System.Text.Json;
using System.Threading.Channels;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace WarmTransfer.TransferAgent.Tests.CallRoom;

/// <summary>
/// The control API's worker endpoints as the call-room job uses them, on Kestrel at 127.0.0.1 (port 0): it describes
/// one call room (caller and agent identities) and records every transcript segment posted, with the bearer key seen.
/// </summary>
public sealed class FakeControlApi : IAsyncDisposable
{
    public const string WorkerKey = "test-worker-key";

    private readonly WebApplication _app;
    private readonly Channel<(string Room, JsonElement Segment)> _segments = Channel.CreateUnbounded<(string, JsonElement)>();

    private FakeControlApi(WebApplication app) => _app = app;

    public string Url { get; private set; } = "";

    public int Unauthorized { get; private set; }

    public static async Task<FakeControlApi> StartAsync(string room, string caller, string agent)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(k => k.Listen(IPAddress.Loopback, 0));
        var app = builder.Build();
        var fake = new FakeControlApi(app);
        app.Use(async (context, next) =>
        {
            if (context.Request.Headers.Authorization != "Bearer " + WorkerKey)
            {
                fake.Unauthorized++;
                context.Response.StatusCode = StatusCodes.Status401Unauthorized;
                return;
            }

            await next(context);
        });
        app.MapGet("/api/worker/rooms/{name}", (string name) => name == room
            ? Results.Json(new { name, kind = "Call", caller, agent, transferId = (string?)null, createdAt = DateTimeOffset.UtcNow, numParticipants = 2 })
            : Results.Problem(statusCode: 404, title: "Not found", detail: $"Room '{name}' is not known."));
        app.MapPost("/api/worker/transcripts", async (HttpRequest request) =>
        {
            using var body = await JsonDocument.ParseAsync(request.Body);
            string posted = body.RootElement.GetProperty("room").GetString()!;
            foreach (var segment in body.RootElement.GetProperty("segments").EnumerateArray())
            {
                fake._segments.Writer.TryWrite((posted, segment.Clone()));
            }

            return Results.Accepted();
        });
        await app.StartAsync();
        fake.Url = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        return fake;
    }

    public async Task<(string Room, JsonElement Segment)> NextSegmentAsync(CancellationToken ct) => await _segments.Reader.ReadAsync(ct);

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
