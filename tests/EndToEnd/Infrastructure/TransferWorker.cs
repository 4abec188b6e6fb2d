using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using WarmTransfer.TransferAgent.Hosting;
using WarmTransfer.TransferAgent.Worker;

namespace WarmTransfer.EndToEnd.Infrastructure;

/// <summary>
/// The transfer worker (src/TransferAgent) in-process, exactly as its <c>Program</c> builds it
/// (<see cref="TransferAgentHost.CreateBuilder"/>), on the offline Development defaults (Silero VAD, pocketsphinx,
/// extractive summary, flite), pointed at a <see cref="LocalSystem"/>'s dev server and control API. Started once the
/// worker has registered with the dev server, so the first call is dispatched to it.
/// </summary>
public sealed class TransferWorker : IAsyncDisposable
{
    private static readonly TimeSpan StartTimeout = TimeSpan.FromMinutes(2);
    private readonly IHost _host;

    private TransferWorker(IHost host) => _host = host;

    public IServiceProvider Services => _host.Services;

    /// <summary>For <see cref="LocalSystemOptions.StartWorker"/>.</summary>
    public static async Task<IAsyncDisposable> StartAsync(LocalSystem system, CancellationToken cancellationToken)
    {
        var settings = new Dictionary<string, string>
        {
            ["environment"] = "Development",
            ["LIVEKIT_URL"] = system.LiveKit.Url,
            ["LIVEKIT_API_KEY"] = system.LiveKit.ApiKey,
            ["LIVEKIT_API_SECRET"] = system.LiveKit.ApiSecret,
            ["CONTROL_API_URL"] = system.BaseAddress.ToString().TrimEnd('/'),
            ["WORKER_API_KEY"] = LocalSystem.WorkerKey,
            ["Health:Urls"] = string.Empty,
            // The call-room job runs as long as its room: stopping with the test's rooms still open need not wait.
            ["Worker:DrainTimeout"] = "00:00:03",
            ["LOG_LEVEL"] = Environment.GetEnvironmentVariable("WT_E2E_WORKER_LOG_LEVEL") ?? "warning",
        };
        // Command-line arguments: the highest-precedence source, and there before the builder reads anything.
        var args = settings.Select(s => $"--{s.Key}={s.Value}").ToArray();
        var host = TransferAgentHost.CreateBuilder(args).Build();
        try
        {
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            timeout.CancelAfter(StartTimeout);
            await host.StartAsync(timeout.Token);
            await host.Services.GetRequiredService<WorkerRegistration>().WaitForRegisteredAsync(timeout.Token);
        }
        catch
        {
            await StopAsync(host);
            throw;
        }

        return new TransferWorker(host);
    }

    public async ValueTask DisposeAsync() => await StopAsync(_host);

    private static async Task StopAsync(IHost host)
    {
        using var timeout = new CancellationTokenSource(StartTimeout);
        try
        {
            await host.StopAsync(timeout.Token);
        }
        finally
        {
            host.Dispose();
        }
    }
}
