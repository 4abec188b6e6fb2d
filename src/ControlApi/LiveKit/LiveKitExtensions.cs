using LiveKit.Api;
using Microsoft.Extensions.Options;
using WarmTransfer.ControlApi.Tokens;

namespace WarmTransfer.ControlApi.LiveKit;

/// <summary>Registers the LiveKit settings (validated at start-up), the gateway, the token factory and the webhook receiver.</summary>
internal static class LiveKitExtensions
{
    public static WebApplicationBuilder AddLiveKit(this WebApplicationBuilder builder)
    {
        var services = builder.Services;
        services.AddOptions<LiveKitOptions>().ValidateOnStart();
        services.AddSingleton<IConfigureOptions<LiveKitOptions>, LiveKitOptionsSetup>();
        services.AddSingleton<IValidateOptions<LiveKitOptions>, LiveKitOptionsValidator>();
        services.AddOptionsWithValidateOnStart<TokenOptions>().BindConfiguration(TokenOptions.Section);
        services.AddSingleton<IValidateOptions<TokenOptions>, TokenOptionsValidator>();

        services.AddSingleton<ILiveKitGateway>(sp =>
        {
            var options = sp.GetRequiredService<IOptions<LiveKitOptions>>();
            // One pooled client for the process; recycled connections follow DNS changes of the LiveKit host.
            var http = new HttpClient(new SocketsHttpHandler { PooledConnectionLifetime = TimeSpan.FromMinutes(2) })
            {
                Timeout = options.Value.RequestTimeout,
            };
            return new LiveKitGateway(http, options, sp.GetRequiredService<ILogger<LiveKitGateway>>());
        });
        services.AddSingleton<RoomTokenFactory>();
        services.AddSingleton(sp =>
        {
            var options = sp.GetRequiredService<IOptions<LiveKitOptions>>().Value;
            return new WebhookReceiver(options.ApiKey!, options.ApiSecret!);
        });
        return builder;
    }
}
