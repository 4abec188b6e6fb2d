using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.DataProtection.KeyManagement;
using Microsoft.AspNetCore.DataProtection.Repositories;
using Microsoft.Extensions.Options;
using WarmTransfer.ControlApi.Events;
using WarmTransfer.ControlApi.Idempotency;
using WarmTransfer.ControlApi.Rooms;
using WarmTransfer.ControlApi.Storage.Sqlite;
using WarmTransfer.ControlApi.Transcripts;
using WarmTransfer.ControlApi.Transfers;

namespace WarmTransfer.ControlApi.Storage;

/// <summary>Registers the SQLite store behind every store interface, and keeps data-protection keys beside the database.</summary>
internal static class StorageExtensions
{
    public static WebApplicationBuilder AddStore(this WebApplicationBuilder builder)
    {
        var services = builder.Services;
        services.AddOptionsWithValidateOnStart<StoreOptions>().BindConfiguration(StoreOptions.Section);
        services.AddSingleton<IValidateOptions<StoreOptions>, StoreOptionsValidator>();
        services.AddSingleton<SqliteDatabase>();
        services.AddSingleton<ITransferStore, SqliteTransferStore>();
        services.AddSingleton<IRoomStore, SqliteRoomStore>();
        services.AddSingleton<IAgentEventStore, SqliteAgentEventStore>();
        services.AddSingleton<IIdempotencyStore, SqliteIdempotencyStore>();
        services.AddSingleton<ITranscriptStore>(sp =>
            sp.GetRequiredService<IOptions<TranscriptOptions>>().Value.Retention == TranscriptRetention.Off
                ? new InMemoryTranscriptStore(sp.GetRequiredService<IOptions<TranscriptOptions>>())
                : new SqliteTranscriptStore(sp.GetRequiredService<SqliteDatabase>()));

        // Console sessions are data-protected; keeping the keys beside the database lets sessions survive a restart.
        services.AddDataProtection().SetApplicationName("WarmTransfer.ControlApi");
        // Read from configuration directly: this runs while hosted services are built, before options are validated.
        services.AddOptions<KeyManagementOptions>().Configure<IConfiguration, IHostEnvironment, ILoggerFactory>((keys, configuration, environment, loggers) =>
        {
            var path = configuration[$"{StoreOptions.Section}:{nameof(StoreOptions.Path)}"] is { Length: > 0 } configured ? configured : new StoreOptions().Path;
            var folder = Path.GetDirectoryName(Path.GetFullPath(path, environment.ContentRootPath))!;
            keys.XmlRepository = new FileSystemXmlRepository(new DirectoryInfo(Path.Combine(folder, "keys")), loggers);
        });
        return builder;
    }
}
