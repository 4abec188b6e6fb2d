using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace WarmTransfer.TransferAgent.ControlPlane;

/// <summary>
/// Binds <see cref="ControlApiOptions"/>: section <c>ControlApi</c> first, then the shared settings <c>CONTROL_API_URL</c>
/// and <c>WORKER_API_KEY</c>, then (Development only) the local defaults. Production has no default key, so a worker
/// without one fails at start-up naming the setting.
/// </summary>
public sealed class ControlApiOptionsSetup(IConfiguration configuration, IHostEnvironment? environment = null) : IConfigureOptions<ControlApiOptions>
{
    public const string DevelopmentUrl = "http://127.0.0.1:8080";

    /// <summary>The key the control API accepts in Development (docs/development.md).</summary>
    public const string DevelopmentApiKey = "dev-worker-key";

    public void Configure(ControlApiOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        configuration.GetSection(ControlApiOptions.Section).Bind(options);
        bool development = environment?.IsDevelopment() == true;
        if (string.IsNullOrEmpty(options.Url))
        {
            options.Url = configuration["CONTROL_API_URL"] is { Length: > 0 } url ? url : development ? DevelopmentUrl : null;
        }

        if (string.IsNullOrEmpty(options.ApiKey))
        {
            options.ApiKey = configuration["WORKER_API_KEY"] is { Length: > 0 } key ? key : development ? DevelopmentApiKey : null;
        }
    }
}
