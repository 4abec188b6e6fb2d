using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace WarmTransfer.TransferAgent.ControlPlane;

public static class ControlPlaneServiceCollectionExtensions
{
    /// <summary>
    /// Registers <see cref="IControlPlaneClient"/> as a typed <see cref="HttpClient"/> client with
    /// <see cref="ControlApiOptions"/> bound from section <c>ControlApi</c>, <c>CONTROL_API_URL</c> and
    /// <c>WORKER_API_KEY</c> and validated at start-up (messages name the setting, never the key's value).
    /// </summary>
    public static IServiceCollection AddControlPlane(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configuration);
        services.AddLogging();
        services.TryAddSingleton(TimeProvider.System);
        services.AddOptionsWithValidateOnStart<ControlApiOptions>();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IConfigureOptions<ControlApiOptions>, ControlApiOptionsSetup>(
            sp => new ControlApiOptionsSetup(configuration, sp.GetService<Microsoft.Extensions.Hosting.IHostEnvironment>())));
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<ControlApiOptions>, ControlApiOptionsValidator>());

        services.AddHttpClient<IControlPlaneClient, ControlPlaneClient>()
            .ConfigurePrimaryHttpMessageHandler(() => new SocketsHttpHandler { PooledConnectionLifetime = TimeSpan.FromMinutes(5) })
            // The factory's request logging records raw header values (the bearer key) in its structured state.
            .RemoveAllLoggers();
        return services;
    }
}
