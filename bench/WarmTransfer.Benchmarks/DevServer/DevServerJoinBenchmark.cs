using System.Diagnostics;
using System.Net;
using System.Net.WebSockets;
using System.Runtime.CompilerServices;
using LiveKit.Api;
using LiveKit.Proto;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using WarmTransfer.Benchmarks.Harness;
using DevServerHost = LiveKit.DevServer.DevServer;
using DevServerMediaMode = LiveKit.DevServer.DevServerMediaMode;
using DevServerOptions = LiveKit.DevServer.DevServerOptions;

namespace WarmTransfer.Benchmarks.DevServer;

/// <summary>
/// Signalling cost of the dev server: 500 simulated participants (our own raw WebSocket clients, no media)
/// join 50 rooms, 10 per room, 32 joins in flight. A join is: WebSocket upgrade on <c>/rtc</c> with a
/// token, token check, room lookup, JoinResponse received; every participant keeps reading the participant
/// updates of the later joiners. Measures joins per second, join latency, and managed memory per joined
/// participant (server state plus the client socket, all in this process), signalling only (the clients do no
/// media), and once more with the media plane on, where each participant also gets its two idle PeerConnections.
/// The in-run baseline is a bare Kestrel WebSocket echo: upgrade, one message each way, same clients and
/// concurrency; the ratio isolates what LiveKit signalling adds on top of a WebSocket.
/// </summary>
public sealed class DevServerJoinBenchmark : IMacroBenchmark
{
    private const int Participants = 500;
    private const int Rooms = 50;
    private const int InFlight = 32;

    public string Name => "devserver-joins";

    public string Description => $"{Participants} simulated participants in {Rooms} rooms: joins/s (target >= 100), signalling memory per participant (target <= 64 KiB); baseline: bare WebSocket echo join";

    public async Task RunAsync(BenchmarkReport report, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(report);

        // Warm both paths (JIT, pools) with a small run each, then measure.
        await MeasureEchoAsync(40, cancellationToken).ConfigureAwait(false);
        await MeasureDevServerAsync(40, 4, DevServerMediaMode.SignalOnly, cancellationToken).ConfigureAwait(false);
        var echo = await MeasureEchoAsync(Participants, cancellationToken).ConfigureAwait(false);
        var dev = await MeasureDevServerAsync(Participants, Rooms, DevServerMediaMode.SignalOnly, cancellationToken).ConfigureAwait(false);
        var withMedia = await MeasureDevServerAsync(Participants, Rooms, DevServerMediaMode.WebRtc, cancellationToken).ConfigureAwait(false);

        report.Add($"joins per second ({Participants} participants, {Rooms} rooms)", dev.PerSecond, "joins/s", echo.PerSecond, ">= 100", dev.PerSecond >= 100);
        report.Add("join latency p50", dev.P50Ms, "ms", echo.P50Ms);
        report.Add("join latency p95", dev.P95Ms, "ms", echo.P95Ms);
        report.Add("managed memory per joined participant", dev.BytesPerParticipant / 1024, "KiB", echo.BytesPerParticipant / 1024, "<= 64", dev.BytesPerParticipant <= 64 * 1024);
        report.Add("  of which signalling state (over the echo baseline)", (dev.BytesPerParticipant - echo.BytesPerParticipant) / 1024, "KiB");
        report.Add("joins per second, media plane on (2 idle PeerConnections each)", withMedia.PerSecond, "joins/s", echo.PerSecond);
        report.Add("managed memory per participant, media plane on", withMedia.BytesPerParticipant / 1024, "KiB", echo.BytesPerParticipant / 1024);
        report.Add("participant updates received by clients", dev.UpdatesReceived, "messages", target: $"{Rooms * (Participants / Rooms) * ((Participants / Rooms) - 1) / 2}");
    }

    private static async Task<Result> MeasureDevServerAsync(int participants, int rooms, DevServerMediaMode media, CancellationToken cancellationToken)
    {
        await using var server = await DevServerHost.StartAsync(new DevServerOptions { Port = 0, RtcUdpPort = 0, Media = media }, cancellationToken).ConfigureAwait(false);
        var tokens = Enumerable.Range(0, participants)
            .Select(i => new AccessToken(server.ApiKey, server.ApiSecret)
                .WithIdentity($"p{i}")
                .WithVideoGrants(new VideoGrants { RoomJoin = true, Room = $"room-{i % rooms}" })
                .ToJwt())
            .ToArray();
        var urls = tokens.Select(t => new Uri($"{server.Url}/rtc?protocol=17&sdk=js&auto_subscribe=1&access_token={t}")).ToArray();
        return await RunClientsAsync(urls, JoinAsync, cancellationToken).ConfigureAwait(false);

        static async Task<long> JoinAsync(ClientWebSocket socket, byte[] buffer, CancellationToken ct)
        {
            var first = await ReceiveAsync(socket, buffer, ct).ConfigureAwait(false);
            if (SignalResponse.Parser.ParseFrom(buffer, 0, first).MessageCase != SignalResponse.MessageOneofCase.Join)
            {
                throw new InvalidOperationException("the first message was not a JoinResponse");
            }

            return 0;
        }
    }

    private static async Task<Result> MeasureEchoAsync(int participants, CancellationToken cancellationToken)
    {
        var builder = WebApplication.CreateEmptyBuilder(new WebApplicationOptions());
        builder.WebHost.UseKestrelCore().ConfigureKestrel(k => k.Listen(IPAddress.Loopback, 0));
        builder.Services.AddRoutingCore();
        await using var app = builder.Build();
        app.UseWebSockets();
        app.Map("/echo", EchoAsync);
        await app.StartAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
            var url = new Uri(address.Replace("http://", "ws://", StringComparison.Ordinal) + "/echo");
            var urls = Enumerable.Repeat(url, participants).ToArray();
            return await RunClientsAsync(urls, PingAsync, cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            await app.StopAsync(CancellationToken.None).ConfigureAwait(false);
        }

        static async Task<long> PingAsync(ClientWebSocket socket, byte[] buffer, CancellationToken ct)
        {
            await socket.SendAsync("join"u8.ToArray(), WebSocketMessageType.Binary, true, ct).ConfigureAwait(false);
            await ReceiveAsync(socket, buffer, ct).ConfigureAwait(false);
            return 0;
        }
    }

    /// <summary>The baseline server: echoes every message until the client closes.</summary>
    private static async Task EchoAsync(HttpContext context)
    {
        using var socket = await context.WebSockets.AcceptWebSocketAsync().ConfigureAwait(false);
        var buffer = new byte[4096];
        try
        {
            while (true)
            {
                var result = await socket.ReceiveAsync(buffer.AsMemory(), context.RequestAborted).ConfigureAwait(false);
                if (result.MessageType == WebSocketMessageType.Close)
                {
                    await socket.CloseOutputAsync(WebSocketCloseStatus.NormalClosure, null, CancellationToken.None).ConfigureAwait(false);
                    return;
                }

                await socket.SendAsync(buffer.AsMemory(0, result.Count), result.MessageType, true, context.RequestAborted).ConfigureAwait(false);
            }
        }
        catch (Exception e) when (e is WebSocketException or OperationCanceledException)
        {
        }
    }

    /// <summary>
    /// Connects one client per URL (<see cref="InFlight"/> at a time), runs <paramref name="join"/> on each,
    /// keeps every connection open and draining, measures memory with all of them held, then closes them.
    /// </summary>
    private static async Task<Result> RunClientsAsync(Uri[] urls, Func<ClientWebSocket, byte[], CancellationToken, Task<long>> join, CancellationToken cancellationToken)
    {
        Collect();
        var before = GC.GetTotalMemory(forceFullCollection: true);
        var clients = new ClientWebSocket[urls.Length];
        var latencies = new double[urls.Length];
        var drains = new Task[urls.Length];
        var updates = new StrongBox<long>();
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);

        var clock = Stopwatch.StartNew();
        await Parallel.ForEachAsync(Enumerable.Range(0, urls.Length), new ParallelOptions { MaxDegreeOfParallelism = InFlight, CancellationToken = cancellationToken }, async (i, ct) =>
        {
            var started = Stopwatch.GetTimestamp();
            var socket = new ClientWebSocket();
            await socket.ConnectAsync(urls[i], ct).ConfigureAwait(false);
            var buffer = new byte[16 * 1024];
            await join(socket, buffer, ct).ConfigureAwait(false);
            latencies[i] = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
            clients[i] = socket;
            drains[i] = DrainAsync(socket, buffer, updates, stop.Token);
        }).ConfigureAwait(false);
        var elapsed = clock.Elapsed;

        Collect();
        var held = GC.GetTotalMemory(forceFullCollection: true);
        var updatesWhileHeld = Interlocked.Read(ref updates.Value);

        await stop.CancelAsync().ConfigureAwait(false);
        foreach (var socket in clients)
        {
            socket.Abort();
            socket.Dispose();
        }

        await Task.WhenAll(drains).ConfigureAwait(false);
        Array.Sort(latencies);
        return new Result(
            urls.Length / elapsed.TotalSeconds,
            latencies[latencies.Length / 2],
            latencies[(int)(latencies.Length * 0.95)],
            (double)(held - before) / urls.Length,
            updatesWhileHeld);
    }

    /// <summary>Reads until the connection ends, counting participant updates (LiveKit only; the echo sends none).</summary>
    private static async Task DrainAsync(ClientWebSocket socket, byte[] buffer, StrongBox<long> updates, CancellationToken cancellationToken)
    {
        try
        {
            while (true)
            {
                var length = await ReceiveAsync(socket, buffer, cancellationToken).ConfigureAwait(false);
                if (length > 0 && SignalResponse.Parser.ParseFrom(buffer, 0, length).MessageCase == SignalResponse.MessageOneofCase.Update)
                {
                    Interlocked.Increment(ref updates.Value);
                }
            }
        }
        catch (Exception e) when (e is WebSocketException or OperationCanceledException or ObjectDisposedException or Google.Protobuf.InvalidProtocolBufferException)
        {
            // The connection ended (teardown).
        }
    }

    private static async Task<int> ReceiveAsync(ClientWebSocket socket, byte[] buffer, CancellationToken cancellationToken)
    {
        var length = 0;
        while (true)
        {
            var result = await socket.ReceiveAsync(buffer.AsMemory(length), cancellationToken).ConfigureAwait(false);
            if (result.MessageType == WebSocketMessageType.Close)
            {
                throw new WebSocketException("closed");
            }

            length += result.Count;
            if (result.EndOfMessage)
            {
                return length;
            }
        }
    }

    private static void Collect()
    {
        GC.Collect(2, GCCollectionMode.Forced, blocking: true, compacting: true);
        GC.WaitForPendingFinalizers();
        GC.Collect(2, GCCollectionMode.Forced, blocking: true, compacting: true);
    }

    private sealed record Result(double PerSecond, double P50Ms, double P95Ms, double BytesPerParticipant, long UpdatesReceived);
}
