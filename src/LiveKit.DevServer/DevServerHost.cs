using System.Net;
using LiveKit.Api;
using LiveKit.DevServer.Agents;
using LiveKit.DevServer.Auth;
using LiveKit.DevServer.Rooms;
using LiveKit.DevServer.Rooms.Media;
using LiveKit.DevServer.Signaling;
using LiveKit.DevServer.Transport;
using LiveKit.DevServer.Twirp;
using LiveKit.DevServer.Webhooks;
using LiveKit.Proto;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace LiveKit.DevServer;

/// <summary>
/// Composition of the dev server, shared by the embeddable <see cref="DevServer"/> and the console host:
/// the services of each layer, and the HTTP surface (edges) mapped onto them.
/// </summary>
internal static class DevServerHost
{
    /// <summary>
    /// Registers the dev server's services. <see cref="DevServerOptions"/> must be registered (validated)
    /// by the caller; an <see cref="IMediaPlane"/> registered before this call replaces the signal-only one.
    /// </summary>
    public static IServiceCollection AddDevServerCore(this IServiceCollection services)
    {
        services.AddSingleton<IValidateOptions<DevServerOptions>, DevServerOptionsValidator>();
        services.AddSingleton<IValidateOptions<DevServerOptions>, DevServerOptionsChecks>();
        services.TryAddSingleton(TimeProvider.System);
        services.AddMetrics();
        services.AddRouting();
        services.AddCors();
        services.AddSingleton<DevServerMetrics>();

        // Auth
        services.AddSingleton(sp => new ApiKeys(Options(sp)));
        services.AddSingleton(sp => new TokenVerifier(sp.GetRequiredService<ApiKeys>().Provider, null, sp.GetRequiredService<TimeProvider>()));

        // Rooms and media
        services.TryAddSingleton(sp =>
        {
            var options = Options(sp);
            var transport = new MediaUdpTransport(
                new MediaTransportOptions
                {
                    BindAddress = options.BindAddress,
                    Port = options.RtcUdpPort,
                    AdvertisedAddress = options.AdvertisedAddress,
                    AllowNonLoopbackPeersOnLoopback = options.AllowHostAddressPeers,
                },
                sp.GetRequiredService<TimeProvider>(),
                sp.GetRequiredService<ILoggerFactory>());
            transport.Start();
            return transport;
        });
        services.TryAddSingleton<IMediaPlane>(sp => Options(sp).Media == DevServerMediaMode.SignalOnly
            ? new SignalOnlyMediaPlane()
            : new PeerConnectionMediaPlane(sp.GetRequiredService<MediaUdpTransport>(), sp.GetRequiredService<ILoggerFactory>()));
        services.AddSingleton<BackgroundWork>();
        services.AddSingleton<WebhookNotifier>();
        services.AddHostedService(sp => sp.GetRequiredService<WebhookNotifier>());
        services.AddSingleton<AgentDispatcher>();
        services.AddSingleton(sp => new RoomContext(
            sp.GetRequiredService<IMediaPlane>(),
            new RoomObservers([sp.GetRequiredService<WebhookNotifier>(), sp.GetRequiredService<AgentDispatcher>()]),
            ToRoomLimits(Options(sp).Limits),
            sp.GetRequiredService<TimeProvider>(),
            sp.GetRequiredService<ILoggerFactory>(),
            CreateServerInfo(Options(sp)),
            sp.GetRequiredService<BackgroundWork>()));
        services.AddSingleton(sp => new RoomManager(sp.GetRequiredService<RoomContext>(), new RoomDefaults
        {
            EmptyTimeoutSeconds = (uint)Options(sp).EmptyTimeoutSeconds,
            DepartureTimeoutSeconds = (uint)Options(sp).DepartureTimeoutSeconds,
            MaxParticipants = (uint)Options(sp).Limits.MaxParticipantsPerRoom,
        }));

        // Edges
        services.AddSingleton<SignalAdmission>();
        services.AddSingleton<SignalHandler>();
        services.AddSingleton<AgentEndpoint>();
        services.AddSingleton<RoomServiceHandler>();
        services.AddSingleton<AgentDispatchServiceHandler>();
        services.AddSingleton(sp => sp.GetRequiredService<RoomServiceHandler>().CreateService());
        services.AddSingleton(sp => sp.GetRequiredService<AgentDispatchServiceHandler>().CreateService());
        services.AddSingleton<TwirpEndpoint>();
        return services;
    }

    /// <summary>Listens on the configured address and port (0 picks a free port).</summary>
    public static void Listen(KestrelServerOptions kestrel, DevServerOptions options) =>
        kestrel.Listen(IPAddress.Parse(options.BindAddress), options.Port);

    /// <summary>Maps the HTTP surface: <c>GET /</c>, <c>/rtc</c> and its validate/v1 paths, <c>/twirp</c>, <c>/agent</c>.</summary>
    public static WebApplication MapDevServer(this WebApplication app)
    {
        var signal = app.Services.GetRequiredService<SignalHandler>();
        var twirp = app.Services.GetRequiredService<TwirpEndpoint>();
        var agents = app.Services.GetRequiredService<AgentEndpoint>();

        // On shutdown, close rooms and worker connections first so their long-running requests end.
        app.Lifetime.ApplicationStopping.Register(() =>
        {
            app.Services.GetRequiredService<AgentDispatcher>().Stop();
            foreach (var room in app.Services.GetRequiredService<RoomManager>().List(null))
            {
                app.Services.GetRequiredService<RoomManager>().Find(room.Name)?.Close(DisconnectReason.ServerShutdown);
            }
        });

        // livekit-server collapses repeated slashes (srv:service/server.go), e.g. "ws://host:7880/" + "/rtc".
        app.Use((context, next) =>
        {
            var path = context.Request.Path.Value;
            if (path is not null && path.Contains("//", StringComparison.Ordinal))
            {
                while (path.Contains("//", StringComparison.Ordinal))
                {
                    path = path.Replace("//", "/", StringComparison.Ordinal);
                }

                context.Request.Path = new PathString(path);
            }

            return next(context);
        });
        app.UseRouting();
        app.UseCors(policy => policy.AllowAnyOrigin().AllowAnyHeader().AllowAnyMethod());
        app.UseWebSockets();

        // The run script probes this, as livekit-server answers it.
        app.MapGet("/", () => Results.Text("OK"));
        app.Map("/rtc", signal.HandleAsync);
        app.Map("/rtc/validate", signal.ValidateAsync);
        app.Map("/rtc/v1", SignalHandler.NotFoundAsync);
        app.Map("/rtc/v1/validate", SignalHandler.NotFoundAsync);
        app.Map("/agent", agents.HandleAsync);
        app.Map("/twirp/{service}/{method}", twirp.HandleAsync);
        return app;
    }

    private static DevServerOptions Options(IServiceProvider services) => services.GetRequiredService<IOptions<DevServerOptions>>().Value;

    private static RoomLimits ToRoomLimits(DevServerLimits limits) => new()
    {
        MaxDataPacketBytes = limits.MaxDataPacketBytes,
        MaxMetadataBytes = limits.MaxMetadataBytes,
        MaxAttributesBytes = limits.MaxAttributesBytes,
        MaxNameLength = LiveKitNames.MaxParticipantNameBytes,
    };

    private static ServerInfo CreateServerInfo(DevServerOptions options) => new()
    {
        Edition = ServerInfo.Types.Edition.Standard,
        Version = ProtocolConstants.ServerVersion,
        Protocol = ProtocolConstants.Protocol,
        Region = options.Region,
        NodeId = "ND_" + Environment.MachineName,
    };
}
