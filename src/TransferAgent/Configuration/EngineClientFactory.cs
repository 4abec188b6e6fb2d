using Microsoft.Extensions.AI;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using WarmTransfer.TransferAgent.Providers.Azure;
using WarmTransfer.TransferAgent.Providers.OpenAI;
using WarmTransfer.TransferAgent.Providers.Offline.Extractive;
using WarmTransfer.TransferAgent.Providers.Offline.Flite;
using WarmTransfer.TransferAgent.Providers.Offline.PocketSphinx;
using WarmTransfer.TransferAgent.Resilience;
using WarmTransfer.TransferAgent.SpeechToText;
using WarmTransfer.TransferAgent.Summaries;
using WarmTransfer.TransferAgent.TextToSpeech;

namespace WarmTransfer.TransferAgent.Configuration;

/// <summary>
/// Builds each capability's provider chain from validated options: every listed provider wrapped in its retry policy,
/// all of them in a fallback client, in the configured order. Offline engines come from DI singletons (one decoder
/// pool, one flite voice per process).
/// </summary>
internal static class EngineClientFactory
{
    public static ISpeechToTextClient BuildSpeechToText(IServiceProvider services)
    {
        var options = services.GetRequiredService<IOptions<SpeechToTextEngineOptions>>().Value;
        var providers = options.Providers.Select(name =>
        {
            ISpeechToTextClient client = name switch
            {
                EngineProviderNames.OpenAI => OpenAIEngineClients.CreateSpeechToTextClient(options.OpenAI, Http(services, EngineHttpClients.OpenAI), NetworkTimeout(options.Resilience)),
                EngineProviderNames.Azure => Http(services, EngineHttpClients.Azure).AsAzureSpeechToTextClient(options.Azure, services.GetService<TimeProvider>()),
                EngineProviderNames.PocketSphinx => services.GetRequiredService<PocketSphinxDecoderPool>().AsISpeechToTextClient(),
                _ => throw Unknown(SpeechToTextEngineOptions.Section, name),
            };
            return new NamedClient<ISpeechToTextClient>(name, client.AsBuilder().UseEngineRetry(name, options.Resilience).Build(services));
        }).ToList();
        return new FallbackSpeechToTextClient(providers, Logger<FallbackSpeechToTextClient>(services));
    }

    public static ITextToSpeechClient BuildTextToSpeech(IServiceProvider services)
    {
        var options = services.GetRequiredService<IOptions<TextToSpeechEngineOptions>>().Value;
        var providers = options.Providers.Select(name =>
        {
            ITextToSpeechClient client = name switch
            {
                EngineProviderNames.OpenAI => OpenAIEngineClients.CreateTextToSpeechClient(options.OpenAI, Http(services, EngineHttpClients.OpenAI), NetworkTimeout(options.Resilience)),
                EngineProviderNames.Azure => Http(services, EngineHttpClients.Azure).AsAzureTextToSpeechClient(options.Azure, services.GetService<TimeProvider>()),
                EngineProviderNames.Flite => services.GetRequiredService<FliteSynthesizer>().AsITextToSpeechClient(),
                _ => throw Unknown(TextToSpeechEngineOptions.Section, name),
            };
            return new NamedClient<ITextToSpeechClient>(name, client.AsBuilder().UseEngineRetry(name, options.Resilience).Build(services));
        }).ToList();
        return new FallbackTextToSpeechClient(providers, Logger<FallbackTextToSpeechClient>(services));
    }

    public static IChatClient BuildSummary(IServiceProvider services)
    {
        var options = services.GetRequiredService<IOptions<SummaryEngineOptions>>().Value;
        var providers = options.Providers.Select(name =>
        {
            IChatClient client = name switch
            {
                EngineProviderNames.OpenAI => OpenAIEngineClients.CreateChatClient(options.OpenAI, Http(services, EngineHttpClients.OpenAI), NetworkTimeout(options.Resilience))
                    .AsBuilder()
                    .ConfigureOptions(o =>
                    {
                        o.Temperature ??= (float)options.OpenAI.Temperature;
                        o.MaxOutputTokens ??= options.OpenAI.MaxOutputTokens;
                    })
                    .Build(services),
                EngineProviderNames.Extractive => services.GetRequiredService<ExtractiveSummarizer>().AsIChatClient(),
                _ => throw Unknown(SummaryEngineOptions.Section, name),
            };
            return new NamedClient<IChatClient>(name, client.AsBuilder().UseEngineRetry(name, options.Resilience).Build(services));
        }).ToList();
        return new FallbackChatClient(providers, Logger<FallbackChatClient>(services));
    }

    private static HttpClient Http(IServiceProvider services, string name) => services.GetRequiredService<IHttpClientFactory>().CreateClient(name);

    /// <summary>The SDK's own network time-out sits just above our per-attempt time-out, which is the one that acts.</summary>
    private static TimeSpan NetworkTimeout(EngineResilienceOptions resilience) => resilience.AttemptTimeout + TimeSpan.FromSeconds(5);

    private static ILogger? Logger<T>(IServiceProvider services) => services.GetService<ILoggerFactory>()?.CreateLogger<T>();

    private static InvalidOperationException Unknown(string section, string name) =>
        new($"{section}:Providers lists '{name}', which is not a provider of this capability.");
}
