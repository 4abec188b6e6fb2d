using System.Diagnostics;
using System.Globalization;
using LiveKit.Api;
using LiveKit.Rtc;
using WarmTransfer.Benchmarks.Harness;
using DevServerHost = LiveKit.DevServer.DevServer;
using DevServerMediaMode = LiveKit.DevServer.DevServerMediaMode;
using DevServerOptions = LiveKit.DevServer.DevServerOptions;

namespace WarmTransfer.Benchmarks.Rtc;

/// <summary>
/// Rooms per process: one .NET process holding N LiveKit.Rtc rooms at once, each connected (signalling and WebRTC
/// media) to its own room on a dev server, as a worker holds one room per job. Grows N in steps and reports, per step,
/// the time to connect a room, the memory and idle CPU each connected room costs, and that every room stays connected.
/// The dev server runs in the same process, so the figures include its share of each room (one participant: about
/// 13 KiB and a few timers, see <c>media-forwarding</c>), small beside the core's two peer connections per room.
/// Baseline: the same figures at the first step, so the ratio shows whether a room's cost stays flat as rooms are added.
/// Run: <c>dotnet run -c Release --project bench/WarmTransfer.Benchmarks -- rtc-rooms</c> (RTC_ROOMS_COUNTS overrides
/// "10,50,100").
/// </summary>
public sealed class RtcRoomsBenchmark : IMacroBenchmark
{
    private const int ConnectConcurrency = 5;
    private static readonly TimeSpan IdleWindow = TimeSpan.FromSeconds(5);

    public string Name => "rtc-rooms";

    public string Description => "rooms per process: N connected LiveKit.Rtc rooms in one process: connect time, memory and idle CPU per room; baseline: the first step";

    public async Task RunAsync(BenchmarkReport report, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(report);
        var counts = BenchmarkSteps.Counts("RTC_ROOMS_COUNTS", "10,50,100");
        RtcRuntime.EnsureInitialized();
        await using var server = await DevServerHost.StartAsync(new DevServerOptions { Port = 0, RtcUdpPort = 0, Media = DevServerMediaMode.WebRtc }, cancellationToken).ConfigureAwait(false);
        var rooms = new List<Room>();
        var process = Process.GetCurrentProcess();
        long memoryBefore = BenchmarkSteps.SettledWorkingSet(process);
        Step? first = null;
        try
        {
            foreach (int count in counts)
            {
                string n = count.ToString(CultureInfo.InvariantCulture);
                var connectTimes = new List<double>();
                try
                {
                    await ConnectUpToAsync(server, rooms, count, connectTimes, cancellationToken).ConfigureAwait(false);
                }
                catch (Exception e) when (e is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
                {
                    Console.WriteLine($"  {count} rooms not reached ({rooms.Count} connected): {e.GetType().Name}: {e.Message}");
                    report.Add($"{n} rooms: NOT REACHED ({e.GetType().Name}; {rooms.Count} connected)", double.NaN, "");
                    break;
                }

                await Task.Delay(TimeSpan.FromSeconds(2), cancellationToken).ConfigureAwait(false); // connections settle
                long memory = BenchmarkSteps.SettledWorkingSet(process) - memoryBefore;
                process.Refresh();
                var cpuBefore = process.TotalProcessorTime;
                var clock = Stopwatch.StartNew();
                await Task.Delay(IdleWindow, cancellationToken).ConfigureAwait(false);
                process.Refresh();
                double cpu = (process.TotalProcessorTime - cpuBefore).TotalSeconds / clock.Elapsed.TotalSeconds;
                int connected = rooms.Count(r => r.IsConnected);
                var step = new Step(count, Median(connectTimes), memory / (double)count, cpu / count);
                first ??= step;
                Console.WriteLine($"  {count} rooms connected; {connected} still connected after {IdleWindow.TotalSeconds:0} s idle");
                report.Add($"{n} rooms: connected after {IdleWindow.TotalSeconds:0} s idle", connected, "rooms", target: n, met: connected == count);
                report.Add($"{n} rooms: connect time per room, median", step.ConnectMs, "ms", first.ConnectMs);
                report.Add($"{n} rooms: memory per room (working set)", step.BytesPerRoom / 1024 / 1024, "MiB", first.BytesPerRoom / 1024 / 1024);
                report.Add($"{n} rooms: idle CPU per room", step.CpuPerRoom * 100, "% core", first.CpuPerRoom * 100);
            }
        }
        finally
        {
            await Task.WhenAll(rooms.Select(r => r.DisposeAsync().AsTask())).ConfigureAwait(false);
        }

        report.Add("native handles left after every room is disposed", RtcRuntime.LiveHandleCount, "handles", target: "0", met: RtcRuntime.LiveHandleCount == 0);
    }

    private static async Task ConnectUpToAsync(DevServerHost server, List<Room> rooms, int count, List<double> connectTimes, CancellationToken cancellationToken)
    {
        using var gate = new SemaphoreSlim(ConnectConcurrency);
        var pending = new List<Task<Room>>();
        for (int i = rooms.Count; i < count; i++)
        {
            string roomName = "rooms-" + i.ToString(CultureInfo.InvariantCulture);
            pending.Add(Task.Run(
                async () =>
                {
                    await gate.WaitAsync(cancellationToken).ConfigureAwait(false);
                    try
                    {
                        var room = new Room();
                        var clock = Stopwatch.StartNew();
                        try
                        {
                            await room.ConnectAsync(server.Url, Token(server, roomName), new RoomOptions { AutoSubscribe = true }, cancellationToken).ConfigureAwait(false);
                        }
                        catch
                        {
                            await room.DisposeAsync().ConfigureAwait(false);
                            throw;
                        }

                        lock (connectTimes)
                        {
                            connectTimes.Add(clock.Elapsed.TotalMilliseconds);
                        }

                        return room;
                    }
                    finally
                    {
                        gate.Release();
                    }
                },
                cancellationToken));
        }

        try
        {
            await Task.WhenAll(pending).ConfigureAwait(false);
        }
        finally
        {
            rooms.AddRange(pending.Where(t => t.IsCompletedSuccessfully).Select(t => t.Result));
        }
    }

    private static string Token(DevServerHost server, string room) =>
        new AccessToken(server.ApiKey, server.ApiSecret)
            .WithIdentity("worker")
            .WithVideoGrants(new VideoGrants { RoomJoin = true, Room = room, CanPublish = true, CanSubscribe = true })
            .ToJwt();


    private static double Median(List<double> values)
    {
        if (values.Count == 0)
        {
            return double.NaN;
        }

        var sorted = values.Order().ToArray();
        return sorted.Length % 2 == 1 ? sorted[sorted.Length / 2] : (sorted[(sorted.Length / 2) - 1] + sorted[sorted.Length / 2]) / 2;
    }

    private sealed record Step(int Rooms, double ConnectMs, double BytesPerRoom, double CpuPerRoom);
}
