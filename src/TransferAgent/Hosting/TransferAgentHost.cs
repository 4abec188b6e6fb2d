using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using WarmTransfer.ServiceDefaults;
using WarmTransfer.TransferAgent.Briefing;
using WarmTransfer.TransferAgent.CallRoom;
using WarmTransfer.TransferAgent.Configuration;
using WarmTransfer.TransferAgent.Worker;

namespace WarmTransfer.TransferAgent.Hosting;

/// <summary>
/// The worker host, as <c>Program.cs</c> runs it and as tests (tests/EndToEnd) run it in-process: service defaults
/// (logging, telemetry), the speech and language engines, the LiveKit agent worker with its room jobs, and the health
/// endpoints. Every setting is validated when the host starts.
/// </summary>
public static class TransferAgentHost
{
    /// <summary>Extra time beyond <see cref="AgentWorkerOptions.DrainTimeout"/> the host gives services to stop.</summary>
    public static readonly TimeSpan ShutdownMargin = TimeSpan.FromSeconds(15);

    /// <summary>
    /// A configured builder; add configuration or replace services before <c>Build()</c>. Room jobs other components
    /// provide (the handoff job) are added with <see cref="AgentWorkerServiceCollectionExtensions.AddRoomJob{TJob}"/>.
    /// </summary>
    public static HostApplicationBuilder CreateBuilder(string[] args)
    {
        var builder = Host.CreateApplicationBuilder(args);
        builder.AddServiceDefaults();
        builder.Services.AddTransferAgentEngines(builder.Configuration);
        builder.Services.AddAgentWorker(builder.Configuration);
        builder.Services.AddCallRoomJob(builder.Configuration);
        builder.Services.AddHandoffBriefing(builder.Configuration);

        builder.Services.AddOptionsWithValidateOnStart<HealthOptions>().Bind(builder.Configuration.GetSection(HealthOptions.Section));
        builder.Services.AddSingleton<IValidateOptions<HealthOptions>>(new SettingPathValidator<HealthOptions>(new HealthOptionsValidator(), HealthOptions.Section));
        builder.Services.AddSingleton<HealthEndpointService>();
        builder.Services.AddHostedService(sp => sp.GetRequiredService<HealthEndpointService>());

        // Stopping drains jobs first: the host must wait for that.
        // Read from raw configuration: resolving the validated options here would fail the build of the host instead
        // of reporting every invalid setting at start.
        var configuration = builder.Configuration;
        builder.Services.AddOptions<HostOptions>().Configure(host =>
        {
            var drain = TimeSpan.TryParse(configuration[$"{AgentWorkerOptions.Section}:DrainTimeout"], System.Globalization.CultureInfo.InvariantCulture, out var configured)
                ? configured
                : new AgentWorkerOptions().DrainTimeout;
            var needed = drain + ShutdownMargin;
            if (host.ShutdownTimeout < needed)
            {
                host.ShutdownTimeout = needed;
            }
        });
        return builder;
    }
}
