using LiveKit.DevServer;
using Microsoft.Extensions.Options;
using WarmTransfer.ServiceDefaults;

// The dev server as a console program (what ./run.sh starts): configuration section "DevServer"
// (appsettings, environment variables DevServer__Port=..., or --DevServer:Port=...).
var builder = WebApplication.CreateBuilder(args);
builder.AddServiceDefaults();
builder.Services.AddOptionsWithValidateOnStart<DevServerOptions>().Bind(builder.Configuration.GetSection(DevServerOptions.SectionName));
builder.Services.AddDevServerCore();
builder.WebHost.ConfigureKestrel(kestrel => DevServerHost.Listen(kestrel, kestrel.ApplicationServices.GetRequiredService<IOptions<DevServerOptions>>().Value));

// Kestrel reads the validated options while the application is built, so invalid settings surface from Build.
return await HostRunner.RunAsync(
    () =>
    {
        var app = builder.Build();
        app.MapDevServer();
        app.MapDefaultEndpoints();
        return app;
    },
    "The dev server",
    Console.Error).ConfigureAwait(false);
