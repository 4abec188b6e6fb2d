using Microsoft.Extensions.FileProviders;
using Microsoft.Extensions.Options;

namespace WarmTransfer.ControlApi.Web;

/// <summary>Serves <c>web/</c> at <c>/</c> and the LiveKit browser client at <c>/vendor/livekit-client.umd.js</c>.</summary>
internal static partial class WebContentExtensions
{
    public static WebApplication MapWebContent(this WebApplication app)
    {
        var options = app.Services.GetRequiredService<IOptions<WebOptions>>().Value;
        var logger = app.Services.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(WebContentExtensions).FullName!);
        var repository = FindRepository(app.Environment.ContentRootPath);
        var root = Resolve(options.Root, app.Environment.ContentRootPath) ?? (repository is null ? null : Path.Combine(repository, "web"));
        var vendor = Resolve(options.VendorRoot, app.Environment.ContentRootPath)
            ?? (repository is null ? null : Path.Combine(repository, "node_modules", "livekit-client", "dist"));

        if (root is not null && Directory.Exists(root))
        {
            var files = new PhysicalFileProvider(root);
            app.UseDefaultFiles(new DefaultFilesOptions { FileProvider = files });
            app.UseStaticFiles(new StaticFileOptions { FileProvider = files });
            LogServing(logger, root);
        }
        else
        {
            LogNoPages(logger, root ?? "(not found)");
        }

        var client = vendor is null ? null : Path.Combine(vendor, WebOptions.LiveKitClientFile);
        app.MapGet("/vendor/" + WebOptions.LiveKitClientFile, () => client is not null && File.Exists(client)
                ? Results.File(client, "text/javascript")
                : Results.Problem(
                    $"{WebOptions.LiveKitClientFile} is not installed (looked in {vendor ?? "(no folder)"}); run scripts/setup.sh or set Web:VendorRoot.",
                    statusCode: StatusCodes.Status404NotFound,
                    title: "Not found"))
            .AllowAnonymous()
            .ExcludeFromDescription();
        return app;
    }

    private static string? Resolve(string? configured, string contentRoot) =>
        string.IsNullOrWhiteSpace(configured) ? null : Path.GetFullPath(configured, contentRoot);

    private static string? FindRepository(string start)
    {
        for (var directory = new DirectoryInfo(start); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "WarmTransfer.sln")))
            {
                return directory.FullName;
            }
        }

        return null;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Serving pages from {Root}")]
    private static partial void LogServing(ILogger logger, string root);

    [LoggerMessage(Level = LogLevel.Warning, Message = "No pages folder at {Root}; set Web:Root to serve the pages")]
    private static partial void LogNoPages(ILogger logger, string root);
}
