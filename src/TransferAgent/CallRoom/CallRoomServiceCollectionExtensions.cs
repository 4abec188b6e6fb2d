using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using WarmTransfer.TransferAgent.ControlPlane;
using WarmTransfer.TransferAgent.Worker;

namespace WarmTransfer.TransferAgent.CallRoom;

public static class CallRoomServiceCollectionExtensions
{
    /// <summary>
    /// Adds the call-room job (<see cref="CallRoomJob"/>, kind <c>call</c>) with <see cref="CallRoomOptions"/> from section
    /// <c>CallRoom</c>, and the control-plane client it posts to. Needs the engines (<c>AddTransferAgentEngines</c>) and
    /// the worker (<c>AddAgentWorker</c>).
    /// </summary>
    public static IServiceCollection AddCallRoomJob(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configuration);
        services.AddOptionsWithValidateOnStart<CallRoomOptions>().Bind(configuration.GetSection(CallRoomOptions.Section));
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<CallRoomOptions>, CallRoomOptionsValidator>());
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<CallRoomOptions>, HoldMusicFileValidator>());
        if (!services.Any(d => d.ServiceType == typeof(IControlPlaneClient)))
        {
            services.AddControlPlane(configuration);
        }

        return services.AddRoomJob<CallRoomJob>();
    }
}
