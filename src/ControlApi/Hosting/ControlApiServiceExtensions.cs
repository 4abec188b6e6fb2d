using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using WarmTransfer.ControlApi.Calls;
using WarmTransfer.ControlApi.Events;
using WarmTransfer.ControlApi.Idempotency;
using WarmTransfer.ControlApi.Rooms;
using WarmTransfer.ControlApi.Seed;
using WarmTransfer.ControlApi.Transcripts;
using WarmTransfer.ControlApi.Transfers;
using WarmTransfer.ControlApi.Webhooks;

namespace WarmTransfer.ControlApi.Hosting;

/// <summary>Registers the domain: rooms and calls, transfers and their timers, transcripts, agent events, the seed summariser.</summary>
internal static class ControlApiServiceExtensions
{
    public static WebApplicationBuilder AddTransfers(this WebApplicationBuilder builder)
    {
        var services = builder.Services;
        services.TryAddSingleton(TimeProvider.System);

        services.AddOptionsWithValidateOnStart<TransferOptions>().BindConfiguration(TransferOptions.Section);
        services.AddSingleton<IValidateOptions<TransferOptions>, TransferOptionsValidator>();
        services.AddOptionsWithValidateOnStart<RoomOptions>().BindConfiguration(RoomOptions.Section);
        services.AddSingleton<IValidateOptions<RoomOptions>, RoomOptionsValidator>();
        services.AddOptionsWithValidateOnStart<TranscriptOptions>().BindConfiguration(TranscriptOptions.Section);
        services.AddSingleton<IValidateOptions<TranscriptOptions>, TranscriptOptionsValidator>();
        services.AddOptionsWithValidateOnStart<EventOptions>().BindConfiguration(EventOptions.Section);
        services.AddSingleton<IValidateOptions<EventOptions>, EventOptionsValidator>();
        services.AddOptions<SeedOptions>().BindConfiguration(SeedOptions.Section);

        services.AddSingleton<KeyedLocks>();
        services.AddSingleton<TransferDeadlineSignal>();
        services.AddSingleton<TransferService>();
        services.AddSingleton<RoomAccess>();
        services.AddSingleton<CallService>();
        services.AddSingleton<CallNotifier>();
        services.AddSingleton<TranscriptService>();
        services.AddSingleton<AgentEventHub>();
        services.AddSingleton<RoomEventHandler>();
        services.AddSingleton<IdempotencyFilter>();
        services.TryAddSingleton<ISummaryGenerator, ExtractiveSummaryGenerator>();

        services.AddSingleton<CallerPresenceCheck>();
        services.AddHostedService<TransferDeadlineService>();
        services.AddHostedService<CallerPresenceMonitor>();
        return builder;
    }
}
