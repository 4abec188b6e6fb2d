using Microsoft.Extensions.AI;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using WarmTransfer.TransferAgent.Providers.Offline.Extractive;
using WarmTransfer.TransferAgent.Providers.Offline.Flite;
using WarmTransfer.TransferAgent.Providers.Offline.PocketSphinx;
using WarmTransfer.TransferAgent.SpeechToText;
using WarmTransfer.TransferAgent.Summaries;
using WarmTransfer.TransferAgent.TextToSpeech;
using WarmTransfer.TransferAgent.Vad;

namespace WarmTransfer.TransferAgent.Configuration;

public static class TransferAgentEnginesServiceCollectionExtensions
{
    /// <summary>
    /// Registers the speech and language engines from configuration sections <c>Stt</c>, <c>Tts</c>, <c>Summary</c>
    /// and <c>Vad</c>, validated at start-up:
    /// <list type="bullet">
    /// <item><see cref="ISpeechToTextClient"/>: fallback chain over <c>Stt:Providers</c>, with retry and redacted logging.</item>
    /// <item><see cref="ITextToSpeechClient"/>: fallback chain over <c>Tts:Providers</c>; output is 16-bit mono PCM at <c>Tts:OutputSampleRate</c>.</item>
    /// <item>Keyed <see cref="IChatClient"/> (<see cref="EngineServiceKeys.Summary"/>) over <c>Summary:Providers</c>, and <see cref="TransferSummarizer"/>.</item>
    /// <item><see cref="SileroVadModel"/> (shared session) and <see cref="SpeechToTextStreamFactory"/> (one VAD + STT stream per speaker).</item>
    /// </list>
    /// With no providers configured, Development uses the offline engines and Production fails to start
    /// (<see cref="EngineEnvironmentDefaults"/>). An <see cref="EngineWarmupService"/> loads models at start so a broken
    /// install fails fast.
    /// </summary>
    public static IServiceCollection AddTransferAgentEngines(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configuration);
        services.AddLogging();
        services.TryAddSingleton(TimeProvider.System);

        AddValidated<SpeechToTextEngineOptions>(services, configuration, SpeechToTextEngineOptions.Section, new SpeechToTextEngineOptionsValidator(), (o, d) => (o.Providers, d.SpeechToText));
        AddValidated<TextToSpeechEngineOptions>(services, configuration, TextToSpeechEngineOptions.Section, new TextToSpeechEngineOptionsValidator(), (o, d) => (o.Providers, d.TextToSpeech));
        AddValidated<SummaryEngineOptions>(services, configuration, SummaryEngineOptions.Section, new SummaryEngineOptionsValidator(), (o, d) => (o.Providers, d.Summary));
        AddValidated<VadOptions>(services, configuration, VadOptions.Section, new VadOptionsValidator(), providers: null);

        foreach (string name in new[] { EngineHttpClients.OpenAI, EngineHttpClients.Azure })
        {
            services.AddHttpClient(name)
                .ConfigureHttpClient(c => c.Timeout = Timeout.InfiniteTimeSpan) // the per-attempt time-out is the retry policy's
                .ConfigurePrimaryHttpMessageHandler(() => new SocketsHttpHandler { PooledConnectionLifetime = TimeSpan.FromMinutes(5) })
                // The factory's request logging puts raw header values (bearer tokens, subscription keys) into its
                // structured log state even when the message text is redacted, so it is removed; the engine middleware
                // logs what matters (provider, status, timing) without secrets.
                .RemoveAllLoggers();
        }

        services.TryAddSingleton(sp => new PocketSphinxDecoderPool(Options<SpeechToTextEngineOptions>(sp).PocketSphinx));
        services.TryAddSingleton(sp => new FliteSynthesizer(Options<TextToSpeechEngineOptions>(sp).Flite));
        services.TryAddSingleton(sp => new ExtractiveSummarizer(Options<SummaryEngineOptions>(sp).Extractive));
        services.TryAddSingleton(sp => SileroVadModel.Load(Options<VadOptions>(sp).ModelPath is { Length: > 0 } path ? path : null));
        services.TryAddSingleton(sp => SummaryPrompt.Load(Options<SummaryEngineOptions>(sp).ResolvedPromptFile));

        services.AddSpeechToTextClient(EngineClientFactory.BuildSpeechToText)
            .UseRedactedLogging();
        services.AddTextToSpeechClient(EngineClientFactory.BuildTextToSpeech)
            .UseRedactedLogging()
            .Use((inner, sp) => new PcmOutputTextToSpeechClient(inner, Options<TextToSpeechEngineOptions>(sp).OutputSampleRate));
        services.AddKeyedChatClient(EngineServiceKeys.Summary, EngineClientFactory.BuildSummary)
            .UseRedactedLogging();

        services.TryAddSingleton(sp => new TransferSummarizer(
            sp.GetRequiredKeyedService<IChatClient>(EngineServiceKeys.Summary),
            sp.GetRequiredService<SummaryPrompt>(),
            Options<SummaryEngineOptions>(sp).MaxSpokenWords,
            sp.GetService<ILogger<TransferSummarizer>>()));
        services.TryAddSingleton<SpeechToTextStreamFactory>();
        services.AddHostedService<EngineWarmupService>();
        return services;
    }

    private static void AddValidated<TOptions>(
        IServiceCollection services,
        IConfiguration configuration,
        string section,
        IValidateOptions<TOptions> validator,
        Func<TOptions, EngineEnvironmentDefaults, (IList<string> List, IReadOnlyList<string> Defaults)>? providers)
        where TOptions : class
    {
        var builder = services.AddOptionsWithValidateOnStart<TOptions>().Bind(configuration.GetSection(section));
        if (providers is not null)
        {
            builder.PostConfigure<IServiceProvider>((options, sp) =>
            {
                var (list, defaults) = providers(options, EngineEnvironmentDefaults.For(sp.GetService<IHostEnvironment>()));
                EngineEnvironmentDefaults.Complete(list, configuration[$"{section}:Providers"], defaults);
            });
        }

        services.AddSingleton<IValidateOptions<TOptions>>(new SettingPathValidator<TOptions>(validator, section));
    }

    private static T Options<T>(IServiceProvider services)
        where T : class => services.GetRequiredService<IOptions<T>>().Value;
}
