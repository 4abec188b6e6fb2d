using System.Collections.Concurrent;
using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace WarmTransfer.TransferAgent.Tests.TestSupport;

/// <summary>
/// A local stand-in for OpenAI-compatible and Azure Speech endpoints: Kestrel on 127.0.0.1 with an ephemeral port.
/// Every request is captured (headers, body, multipart fields and files); the answer for a path comes from
/// <see cref="Respond"/>, which also gets the attempt number for that path (1, 2...), so tests can script
/// "fail, then succeed". A request answered with <see cref="FakeResponse.NoAnswer"/> is held until the client aborts.
/// </summary>
public sealed class FakeAiServer : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly ConcurrentQueue<CapturedRequest> _requests = new();
    private readonly ConcurrentDictionary<string, int> _attempts = new(StringComparer.Ordinal);

    private FakeAiServer(WebApplication app) => _app = app;

    public Uri BaseAddress { get; private set; } = null!;

    /// <summary>Chooses the answer for a request: (path, attempt number for that path, request).</summary>
    public Func<string, int, CapturedRequest, FakeResponse> Respond { get; set; } = (_, _, _) => FakeResponse.Error(404);

    public IReadOnlyList<CapturedRequest> Requests => [.. _requests];

    public int Count(string path) => _attempts.GetValueOrDefault(path);

    public static async Task<FakeAiServer> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(k => k.Listen(IPAddress.Loopback, 0));
        var app = builder.Build();
        var server = new FakeAiServer(app);
        app.Run(server.HandleAsync);
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Single();
        server.BaseAddress = new Uri(address.Replace("[::]", "127.0.0.1", StringComparison.Ordinal));
        return server;
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }

    private async Task HandleAsync(HttpContext context)
    {
        var request = context.Request;
        var fields = new Dictionary<string, string>(StringComparer.Ordinal);
        var files = new List<CapturedFile>();
        byte[] body;
        if (request.HasFormContentType)
        {
            var form = await request.ReadFormAsync(context.RequestAborted);
            foreach (var (key, value) in form)
            {
                fields[key] = value.ToString();
            }

            foreach (var file in form.Files)
            {
                using var content = new MemoryStream();
                await file.CopyToAsync(content, context.RequestAborted);
                files.Add(new CapturedFile(file.Name, file.FileName, file.ContentType, content.ToArray()));
            }

            body = [];
        }
        else
        {
            using var content = new MemoryStream();
            await request.Body.CopyToAsync(content, context.RequestAborted);
            body = content.ToArray();
        }

        var captured = new CapturedRequest(
            request.Method,
            request.Path.Value ?? "",
            request.QueryString.Value ?? "",
            request.Headers.ToDictionary(h => h.Key, h => h.Value.ToString(), StringComparer.OrdinalIgnoreCase),
            request.ContentType,
            body,
            fields,
            files);
        _requests.Enqueue(captured);
        int attempt = _attempts.AddOrUpdate(captured.Path, 1, (_, n) => n + 1);
        var answer = Respond(captured.Path, attempt, captured);
        if (answer.Hang)
        {
            try
            {
                await Task.Delay(Timeout.Infinite, context.RequestAborted);
            }
            catch (OperationCanceledException)
            {
                // The client gave up, as the test intends.
            }

            return;
        }

        context.Response.StatusCode = answer.Status;
        context.Response.ContentType = answer.ContentType;
        foreach (var (name, value) in answer.Headers ?? new Dictionary<string, string>())
        {
            context.Response.Headers[name] = value;
        }

        await context.Response.Body.WriteAsync(answer.Body, context.RequestAborted);
    }
}
