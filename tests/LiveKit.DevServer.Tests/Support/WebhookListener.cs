using System.Net;
using System.Threading.Channels;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace LiveKit.DevServer.Tests.Support;

/// <summary>A tiny HTTP server on 127.0.0.1:0 that records webhook POSTs (body, Authorization, Content-Type).</summary>
internal sealed class WebhookListener : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly Channel<Received> _received = Channel.CreateUnbounded<Received>();
    private int _failuresLeft;

    private WebhookListener(WebApplication app) => _app = app;

    public Uri Url { get; private set; } = null!;

    public static async Task<WebhookListener> StartAsync(int failFirst = 0)
    {
        var builder = WebApplication.CreateEmptyBuilder(new WebApplicationOptions());
        builder.WebHost.UseKestrelCore().ConfigureKestrel(k => k.Listen(IPAddress.Loopback, 0));
        builder.Services.AddRoutingCore();
        var app = builder.Build();
        var listener = new WebhookListener(app) { _failuresLeft = failFirst };
        app.MapPost("/hook", listener.HandleAsync);
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        listener.Url = new Uri(address + "/hook");
        return listener;
    }

    public int Attempts { get; private set; }

    public async Task<Received> NextAsync()
    {
        using var cts = new CancellationTokenSource(TestTimeouts.Event);
        return await _received.Reader.ReadAsync(cts.Token);
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }

    private async Task HandleAsync(HttpContext context)
    {
        using var body = new MemoryStream();
        await context.Request.Body.CopyToAsync(body);
        Attempts++;
        if (Interlocked.Decrement(ref _failuresLeft) >= 0)
        {
            context.Response.StatusCode = StatusCodes.Status503ServiceUnavailable;
            return;
        }

        _received.Writer.TryWrite(new Received(body.ToArray(), context.Request.Headers.Authorization.ToString(), context.Request.ContentType ?? string.Empty));
        context.Response.StatusCode = StatusCodes.Status200OK;
    }

    public sealed record Received(byte[] Body, string Authorization, string ContentType);
}
