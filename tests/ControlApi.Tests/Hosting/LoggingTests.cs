using Microsoft.Extensions.DependencyInjection;
using Serilog.Core;
using Serilog.Events;
using WarmTransfer.ControlApi.Tests.TestSupport;

namespace WarmTransfer.ControlApi.Tests.Hosting;

/// <summary>Content (caller identities, transcripts, summaries, notes) never reaches the logs at Information and above.</summary>
public sealed class LoggingTests
{
    [Fact]
    public async Task Lifecycle_AtInformation_LogsNoCallContent()
    {
        const string transcriptText = "My account number is 99-1234-5678";
        const string summaryText = "Customer with account 99-1234-5678 wants a refund";
        const string notes = "Handle gently: recently bereaved";
        var sink = new CollectingLogSink();
        await using var liveKit = await FakeLiveKitServer.StartAsync();
        string caller;
        await using (var api = await ControlApiHost.StartAsync(
            liveKit,
            new Dictionary<string, string?> { ["LOG_LEVEL"] = "information" },
            services: s => s.AddSingleton<ILogEventSink>(sink)))
        {
            var call = await CallScenario.StartAsync(api, liveKit);
            caller = call.Caller;
            using var worker = api.Worker();
            await worker.PostAsync("/api/worker/transcripts", new { room = call.Room, segments = new[] { new { id = "s1", speaker = call.Caller, text = transcriptText } } });
            var id = (await call.StartTransferAsync(notes)).Str("id");
            await worker.PostAsync($"/api/worker/transfers/{id}/summary", new { text = summaryText });
            await call.Bob.PostAsync($"/api/transfers/{id}/accept");
            await call.Alice.PostAsync($"/api/transfers/{id}/complete");
            liveKit.Leave(call.Room, call.Caller);
            await liveKit.WebhooksDeliveredAsync();
        }

        var logged = sink.Events.Where(e => e.Level >= LogEventLevel.Information).Select(e => e.Text).ToList();
        Assert.Contains(logged, text => text.Contains("-> Completed", StringComparison.Ordinal));
        Assert.DoesNotContain(logged, text => text.Contains(caller, StringComparison.Ordinal));
        Assert.DoesNotContain(logged, text => text.Contains("99-1234-5678", StringComparison.Ordinal));
        Assert.DoesNotContain(logged, text => text.Contains("bereaved", StringComparison.Ordinal));
    }
}
