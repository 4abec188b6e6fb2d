using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Testing;
using Microsoft.Extensions.Options;
using WarmTransfer.TransferAgent.ControlPlane;
using WarmTransfer.TransferAgent.Tests.TestSupport;

namespace WarmTransfer.TransferAgent.Tests.ControlPlane;

/// <summary>AddControlPlane: settings, start-up validation naming the setting, and the key never reaching the logs.</summary>
public sealed class ControlPlaneServiceCollectionExtensionsTests
{
    private static IHost Build(Dictionary<string, string?> settings, string environment)
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { EnvironmentName = environment, DisableDefaults = true });
        builder.Configuration.AddInMemoryCollection(settings);
        builder.Logging.ClearProviders().AddFakeLogging().SetMinimumLevel(LogLevel.Trace);
        builder.Services.AddControlPlane(builder.Configuration);
        return builder.Build();
    }

    [Fact]
    public async Task StartAsync_ProductionWithoutKey_FailsNamingWorkerApiKey()
    {
        using var host = Build(new() { ["CONTROL_API_URL"] = "http://127.0.0.1:8080" }, "Production");

        var e = await Assert.ThrowsAsync<OptionsValidationException>(() => host.StartAsync());

        Assert.Contains("WORKER_API_KEY", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task StartAsync_UrlNotHttp_FailsNamingControlApiUrlWithoutTheKey()
    {
        const string secret = "very-secret-key-0987654321";
        using var host = Build(new() { ["CONTROL_API_URL"] = "ftp://example", ["WORKER_API_KEY"] = secret }, "Production");

        var e = await Assert.ThrowsAsync<OptionsValidationException>(() => host.StartAsync());

        Assert.Contains("CONTROL_API_URL", e.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(secret, e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Options_Development_LocalDefaults_SectionWinsOverSharedSetting()
    {
        using var dev = Build([], "Development");
        var defaults = dev.Services.GetRequiredService<IOptions<ControlApiOptions>>().Value;
        using var configured = Build(new() { ["ControlApi:Url"] = "http://10.0.0.5:9000/base", ["CONTROL_API_URL"] = "http://ignored", ["WORKER_API_KEY"] = "k-123" }, "Production");
        var set = configured.Services.GetRequiredService<IOptions<ControlApiOptions>>().Value;

        Assert.Equal(("http://127.0.0.1:8080", "dev-worker-key"), (defaults.Url, defaults.ApiKey));
        Assert.Equal(("http://10.0.0.5:9000/base", "k-123"), (set.Url, set.ApiKey));
    }

    [Fact]
    public async Task Client_FromContainer_KeySentButNeverLogged()
    {
        const string secret = "very-secret-key-1234567890";
        await using var server = await FakeAiServer.StartAsync();
        server.Respond = (_, attempt, _) => attempt == 1 ? FakeResponse.Error(500) : new FakeResponse(204, [], "text/plain");
        using var host = Build(new() { ["CONTROL_API_URL"] = server.BaseAddress.ToString(), ["WORKER_API_KEY"] = secret, ["ControlApi:RetryDelay"] = "00:00:00.010" }, "Production");
        await host.StartAsync();

        await host.Services.GetRequiredService<IControlPlaneClient>().PostEventAsync("T-1", new WorkerEvent(WorkerEventTypes.AgentJoined));
        await host.StopAsync();

        Assert.All(server.Requests, r => Assert.Equal("Bearer " + secret, r.Header("Authorization")));
        var logs = host.Services.GetFakeLogCollector().GetSnapshot();
        Assert.Contains(logs, r => r.Message.Contains("retrying", StringComparison.Ordinal));
        Assert.DoesNotContain(logs, r => r.Message.Contains(secret, StringComparison.Ordinal)
            || (r.StructuredState?.Any(s => s.Value?.Contains(secret, StringComparison.Ordinal) == true) ?? false));
    }
}
