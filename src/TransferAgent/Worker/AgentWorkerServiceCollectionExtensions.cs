using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace WarmTransfer.TransferAgent.Worker;

public static class AgentWorkerServiceCollectionExtensions
{
    /// <summary>
    /// Registers the agent worker (<see cref="AgentWorkerService"/>, <see cref="JobRunner"/>, <see cref="WorkerRegistration"/>)
    /// with options from <c>Worker</c> (agent name also from <c>AGENT_NAME</c>) and <c>LIVEKIT_URL</c> /
    /// <c>LIVEKIT_API_KEY</c> / <c>LIVEKIT_API_SECRET</c>, validated at start-up. Jobs are added with
    /// <see cref="AddRoomJob{TJob}"/>.
    /// </summary>
    public static IServiceCollection AddAgentWorker(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configuration);
        services.TryAddSingleton(TimeProvider.System);

        services.AddOptionsWithValidateOnStart<AgentWorkerOptions>()
            .Bind(configuration.GetSection(AgentWorkerOptions.Section))
            .Configure(o =>
            {
                if (configuration[$"{AgentWorkerOptions.Section}:AgentName"] is null && configuration["AGENT_NAME"] is { } name)
                {
                    o.AgentName = name;
                }
            });
        services.AddSingleton<IValidateOptions<AgentWorkerOptions>>(new Configuration.SettingPathValidator<AgentWorkerOptions>(new AgentWorkerOptionsValidator(), AgentWorkerOptions.Section));

        services.AddOptionsWithValidateOnStart<LiveKitServerOptions>()
            .Configure<IServiceProvider>((o, sp) =>
            {
                bool development = sp.GetService<IHostEnvironment>()?.IsDevelopment() ?? false;
                var defaults = development ? LiveKitServerOptions.Development : new LiveKitServerOptions { Url = LiveKitServerOptions.Development.Url };
                o.Url = configuration[LiveKitServerOptions.UrlSetting] ?? defaults.Url;
                o.ApiKey = configuration[LiveKitServerOptions.ApiKeySetting] ?? defaults.ApiKey;
                o.ApiSecret = configuration[LiveKitServerOptions.ApiSecretSetting] ?? defaults.ApiSecret;
            });
        services.AddSingleton<IValidateOptions<LiveKitServerOptions>, LiveKitServerOptionsValidator>();
        services.AddSingleton<IValidateOptions<AgentWorkerOptions>, RoomJobKindsValidator>();

        services.TryAddSingleton<WorkerRegistration>();
        services.TryAddSingleton<JobRunner>();
        services.AddHostedService<AgentWorkerService>();
        return services;
    }

    /// <summary>Adds a room job (resolved in each job's scope); its <see cref="IRoomJob.Kind"/> must be unique.</summary>
    public static IServiceCollection AddRoomJob<TJob>(this IServiceCollection services)
        where TJob : class, IRoomJob
    {
        services.TryAddEnumerable(ServiceDescriptor.Scoped<IRoomJob, TJob>());
        return services;
    }
}
