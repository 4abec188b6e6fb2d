using System.Collections.Concurrent;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using WarmTransfer.TransferAgent.Tests.TestSupport;
using WarmTransfer.TransferAgent.Worker;

namespace WarmTransfer.TransferAgent.Tests.Worker;

/// <summary>A host with only the agent worker and the probe jobs, pointed at a test server; records job outcomes.</summary>
public sealed class WorkerTestHost : IAsyncDisposable
{
    private readonly IHost _host;
    private readonly ConcurrentDictionary<string, TaskCompletionSource<JobOutcome>> _outcomes = new(StringComparer.Ordinal);

    private WorkerTestHost(IHost host)
    {
        _host = host;
        Runner.JobEnded += o => Outcome(o.RoomName).TrySetResult(o);
    }

    public IServiceProvider Services => _host.Services;

    public JobRunner Runner => Services.GetRequiredService<JobRunner>();

    public WorkerRegistration Registration => Services.GetRequiredService<WorkerRegistration>();

    public static async Task<WorkerTestHost> StartAsync(LiveKitTestServer server, JobProbe probe, IDictionary<string, string?>? settings = null)
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { EnvironmentName = "Production", DisableDefaults = true });
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["LIVEKIT_URL"] = server.Url,
            ["LIVEKIT_API_KEY"] = server.Server.ApiKey,
            ["LIVEKIT_API_SECRET"] = server.Server.ApiSecret,
            ["AGENT_NAME"] = "warm-transfer",
            ["Worker:ReconnectInitialDelay"] = "00:00:00.100",
            ["Worker:ReconnectMaxDelay"] = "00:00:01",
            ["Worker:PingInterval"] = "00:00:02",
            ["Worker:DrainTimeout"] = "00:00:05",
        });
        if (settings is not null)
        {
            builder.Configuration.AddInMemoryCollection(settings);
        }

        builder.Logging.ClearProviders().SetMinimumLevel(LogLevel.Debug);
        builder.Services.AddSingleton(probe);
        builder.Services.AddAgentWorker(builder.Configuration);
        builder.Services.AddRoomJob<WaitingJob>();
        builder.Services.AddRoomJob<ThrowingJob>();
        var host = builder.Build();
        await host.StartAsync();
        var test = new WorkerTestHost(host);
        using var cts = new CancellationTokenSource(Patience.Slow);
        await test.Registration.WaitForRegisteredAsync(cts.Token);
        return test;
    }

    /// <summary>The outcome of the job in <paramref name="room"/> (waits for it).</summary>
    public async Task<JobOutcome> OutcomeAsync(string room)
    {
        using var cts = new CancellationTokenSource(Patience.Slow);
        return await Outcome(room).Task.WaitAsync(cts.Token);
    }

    public async Task StopAsync()
    {
        using var cts = new CancellationTokenSource(Patience.Slow);
        await _host.StopAsync(cts.Token);
    }

    public async ValueTask DisposeAsync()
    {
        await StopAsync();
        _host.Dispose();
    }

    private TaskCompletionSource<JobOutcome> Outcome(string room) =>
        _outcomes.GetOrAdd(room, _ => new TaskCompletionSource<JobOutcome>(TaskCreationOptions.RunContinuationsAsynchronously));
}
