using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using WarmTransfer.TransferAgent.Hosting;

namespace WarmTransfer.TransferAgent.Tests.Hosting;

/// <summary>The worker host's start-up validation: bad settings stop it with messages that name them.</summary>
public sealed class TransferAgentHostTests
{
    [Fact]
    public async Task Start_ProductionWithoutCredentialsAndWithBadWorkerSettings_FailsNamingEachSetting()
    {
        var builder = TransferAgentHost.CreateBuilder(["--environment", "Production"]);
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["AGENT_NAME"] = "warm transfer!",
            ["Worker:MaxJobs"] = "0",
            ["Health:Urls"] = "not-a-url",
            ["LIVEKIT_URL"] = "ftp://example.com",
            ["Stt:Providers:0"] = "pocketsphinx",
            ["Tts:Providers:0"] = "flite",
            ["Summary:Providers:0"] = "extractive",
            ["CONTROL_API_URL"] = "http://127.0.0.1:9",
            ["WORKER_API_KEY"] = "k",
        });
        using var host = builder.Build();

        var error = await Assert.ThrowsAnyAsync<Exception>(() => host.StartAsync());

        var messages = error is AggregateException aggregate
            ? string.Join('\n', aggregate.InnerExceptions.Select(e => e.Message))
            : error.Message;
        Assert.Contains("AGENT_NAME (Worker:AgentName) must be 1 to 64 letters", messages, StringComparison.Ordinal);
        Assert.Contains("Worker:MaxJobs must be between 1 and 1000.", messages, StringComparison.Ordinal);
        Assert.Contains("Health:Urls must be empty or semicolon-separated http:// URLs", messages, StringComparison.Ordinal);
        Assert.Contains("LIVEKIT_URL 'ftp://example.com' is not a ws://, wss://, http:// or https:// URL", messages, StringComparison.Ordinal);
        Assert.Contains("LIVEKIT_API_KEY is required", messages, StringComparison.Ordinal);
        Assert.Contains("LIVEKIT_API_SECRET is required", messages, StringComparison.Ordinal);
        Assert.IsAssignableFrom<OptionsValidationException>(error is AggregateException a ? a.InnerExceptions[0] : error);
    }
}
