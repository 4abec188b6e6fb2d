using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using LiveKit.Api;
using LiveKit.DevServer;
using Microsoft.Data.Sqlite;
using WarmTransfer.EndToEnd.Infrastructure;
using Xunit.Abstractions;
using Xunit.Sdk;

namespace WarmTransfer.EndToEnd.Deployment;

/// <summary>
/// Rehearses the container images without a Docker engine (this machine has none, nor the base images): the real
/// Dockerfile and docker-compose.yml are read, the build stage's COPYs and RUNs are carried out in a sandbox (so the
/// publish commands and the COPY set are proven complete), and each runtime stage's output is started the way its
/// container would start it: ENTRYPOINT in WORKDIR as the non-root USER, with the stage's ENV and the compose
/// service's environment, against an in-process LiveKit dev server standing in for the livekit service. Then the
/// HEALTHCHECKs must pass and the services must really work: pages and the vendored client served, SQLite in the data
/// volume, the worker registered and joining a call's room. What cannot be rehearsed here: the base images themselves
/// and their package installs (apt-get lines are skipped after checking this machine has the packages).
/// </summary>
[System.Runtime.Versioning.SupportedOSPlatform("linux")]
public sealed partial class ImageRehearsalTests(ITestOutputHelper output)
{
    private static readonly TimeSpan Within = TimeSpan.FromSeconds(60);

    [Fact]
    public async Task Images_BuiltAndStartedAsDockerfileAndComposeSay_HealthyServeThePagesAndTheWorkerJoinsACall()
    {
        var dockerfile = Dockerfile.Load(Path.Combine(RepoPaths.Root, "Dockerfile"));
        var compose = ComposeFile.Load(Path.Combine(RepoPaths.Root, "docker-compose.yml"));
        var built = compose.Services.Where(s => s.BuildTarget is not null).ToDictionary(s => s.BuildTarget!, s => s);
        Assert.Equal(["control-api", "worker"], built.Keys.Order());
        var buildStage = dockerfile.Stage(Assert.Single(built.Keys.SelectMany(k => dockerfile.Stage(k).Copies).Select(c => c.From).Distinct())!);

        string sandbox = Directory.CreateTempSubdirectory("wt-image-").FullName;
        File.SetUnixFileMode(sandbox, (UnixFileMode)Convert.ToInt32("755", 8)); // the non-root user must reach its folders
        var containers = new List<RehearsedContainer>();
        DevServer? liveKit = null;
        var clock = Stopwatch.StartNew();
        try
        {
            var build = await BuildRehearsal.RunAsync(dockerfile, buildStage, RepoPaths.Root, sandbox);
            output.WriteLine($"[build stage '{buildStage.Name}', {clock.Elapsed.TotalSeconds:F0} s]\n{build.Log}");

            // The livekit service: livekit-server --dev (keys devkey/secret, which the dev server also uses) on 7880.
            var liveKitService = Assert.Single(compose.Services, s => s.Image?.StartsWith("livekit/livekit-server", StringComparison.Ordinal) == true);
            Assert.Contains("--dev", liveKitService.Command);
            var network = new SandboxNetwork(compose);
            foreach (var (target, service) in built)
            {
                foreach (int port in dockerfile.Stage(target).ExposedTcpPorts)
                {
                    network.Reserve(service.Name, port);
                }
            }

            // Its LIVEKIT_CONFIG webhooks go where the compose file sends them, signed with the key it names.
            var liveKitConfig = LiveKitServerConfig.Of(liveKitService);
            Assert.True(liveKitConfig.WebhookUrls.Count == 1, $"the {liveKitService.Name} service should send its webhooks to the control API (LIVEKIT_CONFIG webhook.urls): {string.Join(", ", liveKitConfig.WebhookUrls)}");
            string webhook = network.Rewrite(liveKitConfig.WebhookUrls[0], liveKitService.Name, "LIVEKIT_CONFIG webhook.urls");
            liveKit = await DevServer.StartAsync(
                new DevServerOptions { Port = 0, RtcUdpPort = 0, WebhookUrl = new Uri(webhook), WebhookApiKey = liveKitConfig.WebhookApiKey },
                CancellationToken.None);
            network.Map(liveKitService.Name, 7880, liveKit.Port);

            // depends_on order: the control API first, then the worker.
            var api = await StartAsync(dockerfile, dockerfile.Stage("control-api"), built["control-api"], build, network, sandbox, containers);
            await ExpectControlApiWorksAsync(api, dockerfile.Stage("control-api"), network, liveKit);
            var worker = await StartAsync(dockerfile, dockerfile.Stage("worker"), built["worker"], build, network, sandbox, containers);
            string room = await ExpectWorkerJoinsACallAsync(worker, dockerfile.Stage("worker"), api, dockerfile.Stage("control-api"), network, liveKit);
            await ExpectWebhooksReachTheControlApiAsync(api, room, liveKit);
            output.WriteLine($"[done in {clock.Elapsed.TotalSeconds:F0} s]");
        }
        catch (Exception e)
        {
            // Every failure carries what the rehearsed processes printed (the full exception follows as the inner one).
            string first = e.Message.Split('\n')[0];
            throw new XunitException($"{e.GetType().Name}: {first}\n\n{string.Join("\n\n", containers.Select(c => c.Process.Tail()))}", e);
        }
        finally
        {
            foreach (var container in Enumerable.Reverse(containers))
            {
                await container.DisposeAsync();
            }

            if (liveKit is not null)
            {
                await liveKit.DisposeAsync();
            }

            Directory.Delete(sandbox, recursive: true);
        }
    }

    private async Task<RehearsedContainer> StartAsync(
        Dockerfile dockerfile, DockerStage stage, ComposeService service, BuildRehearsal build, SandboxNetwork network, string sandbox, List<RehearsedContainer> containers)
    {
        var container = await RehearsedContainer.PrepareAsync(dockerfile, stage, service, build, network, sandbox);
        containers.Add(container);
        container.Start();
        await container.WaitHealthyAsync(network, Within);
        output.WriteLine($"[{stage}]\n{string.Join('\n', container.Log)}");
        return container;
    }

    /// <summary>The agent console and the LiveKit client it loads are served; the SQLite store is in the data volume, owned by the non-root user.</summary>
    private static async Task ExpectControlApiWorksAsync(RehearsedContainer api, DockerStage stage, SandboxNetwork network, DevServer liveKit)
    {
        using var http = Client(network.PortOf(api.Service.Name, Assert.Single(stage.ExposedTcpPorts)));
        using var page = await http.GetAsync("agent.html");
        string html = await page.Content.ReadAsStringAsync();
        Assert.True(page.StatusCode == HttpStatusCode.OK, $"GET /agent.html: {(int)page.StatusCode} {html}");
        var scripts = ScriptSource().Matches(html).Select(m => m.Groups[1].Value).Where(s => s.StartsWith('/')).ToList();
        Assert.Contains(scripts, s => s.EndsWith("/livekit-client.umd.js", StringComparison.Ordinal));
        foreach (string script in scripts)
        {
            using var response = await http.GetAsync(script.TrimStart('/'));
            byte[] body = await response.Content.ReadAsByteArrayAsync();
            Assert.True(response.StatusCode == HttpStatusCode.OK && body.Length > 0, $"GET {script} (used by agent.html): {(int)response.StatusCode}, {body.Length} bytes");
        }

        string volume = api.Paths.HostPath(Assert.Single(stage.Volumes));
        string store = api.Environment["Store__Path"];
        Assert.True(store.StartsWith(volume + "/", StringComparison.Ordinal), $"Store__Path {store} is not in the volume {volume}");
        Assert.True(File.Exists(store), $"no SQLite file at {store}; the volume holds: {string.Join(", ", Directory.EnumerateFileSystemEntries(volume))}");
        Assert.Equal(api.User.UidText, await OwnerAsync(store));

        // The URL handed to browsers (LIVEKIT_PUBLIC_URL) is the published LiveKit port.
        using var call = await http.PostAsJsonAsync("api/calls", new { name = "Rehearsal" });
        var body2 = await call.Content.ReadFromJsonAsync<JsonElement>();
        Assert.True(call.StatusCode == HttpStatusCode.Created, $"POST /api/calls: {(int)call.StatusCode} {body2}");
        Assert.Equal(liveKit.Url, body2.GetProperty("wsUrl").GetString());
    }

    /// <summary>
    /// The worker says it is registered (/ready), and the dev server agrees: a call created through the control API
    /// is dispatched to that worker id and its participant is in the call room (the Rust core loaded, media joined).
    /// </summary>
    private static async Task<string> ExpectWorkerJoinsACallAsync(
        RehearsedContainer worker, DockerStage stage, RehearsedContainer api, DockerStage apiStage, SandboxNetwork network, DevServer liveKit)
    {
        using var health = Client(network.PortOf(worker.Service.Name, Assert.Single(stage.ExposedTcpPorts)));
        string? workerId = null;
        await Until(async () =>
        {
            using var ready = await health.GetAsync("ready");
            var report = await ready.Content.ReadFromJsonAsync<JsonElement>();
            workerId = ready.StatusCode == HttpStatusCode.OK ? report.GetProperty("workerId").GetString() : null;
            return workerId is not null;
        }, () => "the worker's /ready to report it registered with the LiveKit server");

        using var http = Client(network.PortOf(api.Service.Name, Assert.Single(apiStage.ExposedTcpPorts)));
        using var call = await http.PostAsJsonAsync("api/calls", new { name = "Worker rehearsal" });
        var created = await call.Content.ReadFromJsonAsync<JsonElement>();
        Assert.True(call.StatusCode == HttpStatusCode.Created, $"POST /api/calls: {(int)call.StatusCode} {created}");
        Assert.True(created.GetProperty("botDispatched").GetBoolean(), $"the bot was not dispatched: {created}");
        string room = created.GetProperty("room").GetString()!;

        var dispatches = new AgentDispatchServiceClient(liveKit.Url, liveKit.ApiKey, liveKit.ApiSecret);
        var rooms = new RoomServiceClient(liveKit.Url, liveKit.ApiKey, liveKit.ApiSecret);
        string? identity = null;
        string seen = string.Empty;
        await Until(async () =>
        {
            var jobs = (await dispatches.ListDispatchAsync(room)).SelectMany(d => d.State?.Jobs ?? []).ToList();
            seen = string.Join("; ", jobs.Select(j => $"{j.Id} {j.State?.Status} worker={j.State?.WorkerId} identity={j.State?.ParticipantIdentity}"));
            identity = jobs.Select(j => j.State).FirstOrDefault(s => s is not null && s.WorkerId == workerId && s.ParticipantIdentity.Length > 0)?.ParticipantIdentity;
            return identity is not null && (await rooms.ListParticipantsAsync(room)).Any(p => p.Identity == identity);
        }, () => $"worker {workerId} to join call room {room} (jobs: {seen})");
        return room;
    }

    /// <summary>
    /// The LiveKit server's webhooks reach the control API and are accepted: the call room ended on the server is
    /// closed in the control API's store, which only the signed room_finished webhook does.
    /// </summary>
    private static async Task ExpectWebhooksReachTheControlApiAsync(RehearsedContainer api, string room, DevServer liveKit)
    {
        var rooms = new RoomServiceClient(liveKit.Url, liveKit.ApiKey, liveKit.ApiSecret);
        await rooms.DeleteRoomAsync(room);

        var store = new SqliteConnectionStringBuilder { DataSource = api.Environment["Store__Path"], Mode = SqliteOpenMode.ReadOnly, Pooling = false }.ToString();
        await Until(async () =>
        {
            await using var connection = new SqliteConnection(store);
            await connection.OpenAsync();
            await using var query = connection.CreateCommand();
            query.CommandText = "SELECT closed_at FROM rooms WHERE name = $name";
            query.Parameters.AddWithValue("$name", room);
            return await query.ExecuteScalarAsync() is long;
        }, () => $"the control API to close room {room} on the room_finished webhook");
    }

    private static async Task<string> OwnerAsync(string path)
    {
        var (exit, owner) = await ChildProcess.RunAsync("stat", "stat", ["-c", "%u", path], "/", Shell.MachineEnvironment(), TimeSpan.FromSeconds(30));
        return exit == 0 ? owner.Trim() : throw new InvalidOperationException($"stat {path}: {owner}");
    }

    private static HttpClient Client(int port) =>
        new() { BaseAddress = new Uri(string.Create(CultureInfo.InvariantCulture, $"http://127.0.0.1:{port}/")), Timeout = TestTimeouts.Http };

    private static async Task Until(Func<Task<bool>> condition, Func<string> what)
    {
        var clock = Stopwatch.StartNew();
        Exception? last = null;
        while (clock.Elapsed < Within)
        {
            try
            {
                if (await condition())
                {
                    return;
                }
            }
            catch (Exception e) when (e is HttpRequestException or JsonException or TaskCanceledException or SqliteException)
            {
                last = e;
            }

            await Task.Delay(TimeSpan.FromMilliseconds(250));
        }

        throw new TimeoutException($"Waited {Within.TotalSeconds:F0} s for {what()}.{(last is null ? string.Empty : $" Last error: {last.Message}")}");
    }

    [GeneratedRegex(@"<script[^>]*\bsrc=""([^""]+)""", RegexOptions.IgnoreCase)]
    private static partial Regex ScriptSource();
}
