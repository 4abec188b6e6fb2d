using Microsoft.Extensions.AI;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using WarmTransfer.TransferAgent.Providers.Offline.Flite;
using WarmTransfer.TransferAgent.Providers.Offline.PocketSphinx;
using WarmTransfer.TransferAgent.Summaries;
using WarmTransfer.TransferAgent.Vad;

namespace WarmTransfer.TransferAgent.Configuration;

/// <summary>
/// At host start, builds the provider chains and loads what the listed offline engines need (the VAD model, a
/// pocketsphinx decoder, the flite voice), so a missing library or model stops the worker with a clear message
/// instead of failing the first call, and the first transfer does not pay the load time.
/// </summary>
public sealed partial class EngineWarmupService(IServiceProvider services, ILogger<EngineWarmupService> logger) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        var stt = services.GetRequiredService<IOptions<SpeechToTextEngineOptions>>().Value;
        var tts = services.GetRequiredService<IOptions<TextToSpeechEngineOptions>>().Value;
        var summary = services.GetRequiredService<IOptions<SummaryEngineOptions>>().Value;
        await Task.Run(
            () =>
            {
                _ = services.GetRequiredService<SileroVadModel>();
                _ = services.GetRequiredService<ISpeechToTextClient>();
                _ = services.GetRequiredService<ITextToSpeechClient>();
                _ = services.GetRequiredService<TransferSummarizer>();
                if (stt.Providers.Contains(EngineProviderNames.PocketSphinx))
                {
                    services.GetRequiredService<PocketSphinxDecoderPool>().WarmUp();
                }

                if (tts.Providers.Contains(EngineProviderNames.Flite))
                {
                    _ = services.GetRequiredService<FliteSynthesizer>();
                }
            },
            cancellationToken).ConfigureAwait(false);
        string sttChain = string.Join(" > ", stt.Providers), ttsChain = string.Join(" > ", tts.Providers), summaryChain = string.Join(" > ", summary.Providers);
        LogReady(logger, sttChain, ttsChain, summaryChain);
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    [LoggerMessage(EventId = 3900, Level = LogLevel.Information, Message = "Speech engines ready: stt {Stt}; tts {Tts}; summary {Summary}")]
    private static partial void LogReady(ILogger logger, string stt, string tts, string summary);
}
