using System.Collections.Concurrent;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace LiveKit.Api.Tests.Support;

/// <summary>
/// A real HTTP endpoint on 127.0.0.1 (ephemeral port) standing in for a Twirp server: it records every
/// request as received and answers with whatever <see cref="Reply"/> returns.
/// </summary>
internal sealed class TwirpTestServer : IAsyncDisposable
{
    private readonly WebApplication _app;

    private TwirpTestServer(WebApplication app)
    {
        _app = app;
    }

    /// <summary>Requests in arrival order.</summary>
    public ConcurrentQueue<RecordedRequest> Requests { get; } = new();

    /// <summary>Builds the response; by default 200 with an empty protobuf body.</summary>
    public Func<RecordedRequest, TestReply> Reply { get; set; } = _ => new TestReply(200, "application/protobuf", []);

    public string HttpUrl { get; private set; } = string.Empty;

    /// <summary>The same endpoint as a ws:// URL, as clients are usually configured.</summary>
    public string WsUrl => "ws" + HttpUrl["http".Length..];

    public static async Task<TwirpTestServer> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        var app = builder.Build();
        var server = new TwirpTestServer(app);
        app.Run(server.HandleAsync);
        await app.StartAsync();
        server.HttpUrl = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Single();
        return server;
    }

    private async Task HandleAsync(HttpContext context)
    {
        using var body = new MemoryStream();
        await context.Request.Body.CopyToAsync(body);
        var request = new RecordedRequest(
            context.Request.Method,
            context.Request.Path.Value ?? string.Empty,
            context.Request.Headers.Authorization.ToString(),
            context.Request.ContentType,
            body.ToArray());
        Requests.Enqueue(request);

        var reply = Reply(request);
        context.Response.StatusCode = reply.Status;
        if (reply.ContentType is not null)
        {
            context.Response.ContentType = reply.ContentType;
        }

        await context.Response.Body.WriteAsync(reply.Body);
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}

internal sealed record RecordedRequest(string Method, string Path, string Authorization, string? ContentType, byte[] Body);

internal sealed record TestReply(int Status, string? ContentType, byte[] Body);
