using Microsoft.Extensions.Options;
using WarmTransfer.ControlApi.Hosting;

namespace WarmTransfer.ControlApi.Auth;

/// <summary>Binds <see cref="WorkerOptions"/> from <c>WORKER_API_KEY</c>, with the environment's default.</summary>
internal sealed class WorkerOptionsSetup(IConfiguration configuration, IHostEnvironment environment) : IConfigureOptions<WorkerOptions>
{
    public void Configure(WorkerOptions options) =>
        options.ApiKey = configuration["WORKER_API_KEY"] is { Length: > 0 } key ? key : EnvironmentDefaults.For(environment).WorkerApiKey;
}
