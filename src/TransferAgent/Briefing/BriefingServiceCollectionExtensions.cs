using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using WarmTransfer.TransferAgent.Worker;

namespace WarmTransfer.TransferAgent.Briefing;

public static class BriefingServiceCollectionExtensions
{
    /// <summary>
    /// Registers the handoff-room briefing: <see cref="BriefingOptions"/> (section <c>Briefing</c>, validated at start-up),
    /// <see cref="HandoffBriefingJob"/> and the worker job <see cref="HandoffRoomJob"/> (kind <c>handoff</c>). Needs the
    /// engines (<c>AddTransferAgentEngines</c>), the control API client (<c>AddControlPlane</c>) and the worker
    /// (<c>AddAgentWorker</c>).
    /// </summary>
    public static IServiceCollection AddHandoffBriefing(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configuration);
        services.AddOptionsWithValidateOnStart<BriefingOptions>().Bind(configuration.GetSection(BriefingOptions.Section));
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<BriefingOptions>, BriefingOptionsValidator>());
        // Transient: it holds the typed control API client, which should not be captured for the process's lifetime.
        services.TryAddTransient<HandoffBriefingJob>();
        services.AddRoomJob<HandoffRoomJob>();
        return services;
    }
}
