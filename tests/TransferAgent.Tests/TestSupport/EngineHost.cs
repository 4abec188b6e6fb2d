using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Testing;
using WarmTransfer.TransferAgent.Configuration;

namespace WarmTransfer.TransferAgent.Tests.TestSupport;

/// <summary>A host with only <see cref="TransferAgentEnginesServiceCollectionExtensions.AddTransferAgentEngines"/>, configured in memory, logging everything to a <see cref="FakeLogCollector"/>.</summary>
public static class EngineHost
{
    public static IHost Build(IDictionary<string, string?> settings, string environment = "Production")
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { EnvironmentName = environment, DisableDefaults = true });
        builder.Configuration.AddInMemoryCollection(settings);
        builder.Logging.ClearProviders().AddFakeLogging().SetMinimumLevel(LogLevel.Trace);
        builder.Services.AddTransferAgentEngines(builder.Configuration);
        return builder.Build();
    }

    public static async Task<IHost> StartAsync(IDictionary<string, string?> settings, string environment = "Production")
    {
        var host = Build(settings, environment);
        await host.StartAsync();
        return host;
    }

    public static FakeLogCollector Logs(this IHost host) => host.Services.GetFakeLogCollector();
}
