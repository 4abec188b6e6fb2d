using System.Globalization;
using Dapper;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Options;

namespace WarmTransfer.ControlApi.Storage.Sqlite;

/// <summary>
/// The SQLite file: created with its folder on first use, migrated once per process (schema_migrations table), in
/// WAL mode so readers never block the writer. Reads open pooled connections. Writes go through
/// <see cref="WriteAsync{T}"/> to one writer per process, which commits them in groups (see the GroupCommit part);
/// across processes SQLite's busy timeout applies.
/// </summary>
internal sealed partial class SqliteDatabase
{
    private readonly string _connectionString;
    private readonly int _busyTimeoutMs;
    private readonly Lazy<Task> _migrated;
    private readonly ILogger<SqliteDatabase> _logger;

    public SqliteDatabase(IOptions<StoreOptions> options, IHostEnvironment environment, ILogger<SqliteDatabase> logger)
    {
        _logger = logger;
        FilePath = System.IO.Path.GetFullPath(options.Value.Path, environment.ContentRootPath);
        _busyTimeoutMs = (int)options.Value.BusyTimeout.TotalMilliseconds;
        _connectionString = new SqliteConnectionStringBuilder
        {
            DataSource = FilePath,
            Mode = SqliteOpenMode.ReadWriteCreate,
            ForeignKeys = true,
            Pooling = true,
            DefaultTimeout = Math.Max(1, (int)Math.Ceiling(options.Value.BusyTimeout.TotalSeconds)),
        }.ToString();
        _migrated = new Lazy<Task>(MigrateAsync, LazyThreadSafetyMode.ExecutionAndPublication);
    }

    public string FilePath { get; }

    /// <summary>The folder of the database file (data-protection keys live beside it).</summary>
    public string Directory => System.IO.Path.GetDirectoryName(FilePath)!;

    /// <summary>A pooled connection for reading (WAL: never blocked by the writer). Writes go through <see cref="WriteAsync{T}"/>.</summary>
    public async Task<SqliteConnection> OpenAsync(CancellationToken cancellationToken)
    {
        await _migrated.Value.WaitAsync(cancellationToken).ConfigureAwait(false);
        var connection = new SqliteConnection(_connectionString);
        try
        {
            await connection.OpenAsync(cancellationToken).ConfigureAwait(false);
            return connection;
        }
        catch
        {
            await connection.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    private async Task<SqliteConnection> OpenRawAsync(CancellationToken cancellationToken)
    {
        var connection = new SqliteConnection(_connectionString);
        try
        {
            await connection.OpenAsync(cancellationToken).ConfigureAwait(false);
            await connection.ExecuteAsync(string.Create(CultureInfo.InvariantCulture, $"PRAGMA busy_timeout = {_busyTimeoutMs}; PRAGMA synchronous = NORMAL;")).ConfigureAwait(false);
            return connection;
        }
        catch
        {
            await connection.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    private async Task MigrateAsync()
    {
        System.IO.Directory.CreateDirectory(Directory);
        var connection = await OpenRawAsync(CancellationToken.None).ConfigureAwait(false);
        await using (connection.ConfigureAwait(false))
        {
            await connection.ExecuteAsync("PRAGMA journal_mode = WAL;").ConfigureAwait(false);
            await connection.ExecuteAsync("CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at INTEGER NOT NULL);").ConfigureAwait(false);
            foreach (var (version, name, sql) in SqliteMigrations.All)
            {
                // Each migration checks and applies inside one write transaction, so two processes starting on one
                // file cannot both apply it.
                using var transaction = connection.BeginTransaction(deferred: false);
                var applied = await connection.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM schema_migrations WHERE version = @version", new { version }, transaction).ConfigureAwait(false);
                if (applied == 0)
                {
                    await connection.ExecuteAsync(sql, transaction: transaction).ConfigureAwait(false);
                    await connection.ExecuteAsync(
                        "INSERT INTO schema_migrations (version, name, applied_at) VALUES (@version, @name, @at)",
                        new { version, name, at = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds() },
                        transaction).ConfigureAwait(false);
                    LogMigrated(_logger, version, name);
                }

                transaction.Commit();
            }
        }

        LogReady(_logger, FilePath);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Applied store migration {Version}: {Name}")]
    private static partial void LogMigrated(ILogger logger, int version, string name);

    [LoggerMessage(Level = LogLevel.Information, Message = "Store ready: {Path}")]
    private static partial void LogReady(ILogger logger, string path);
}
