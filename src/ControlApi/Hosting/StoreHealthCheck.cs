using Dapper;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using WarmTransfer.ControlApi.Storage.Sqlite;

namespace WarmTransfer.ControlApi.Hosting;

/// <summary>Readiness: the store opens (migrated) and answers a query.</summary>
internal sealed class StoreHealthCheck(SqliteDatabase database) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        try
        {
            var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
            await using (connection.ConfigureAwait(false))
            {
                await connection.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM schema_migrations").ConfigureAwait(false);
            }

            return HealthCheckResult.Healthy("SQLite store " + database.FilePath);
        }
#pragma warning disable CA1031 // Any failure means "not ready"; the description says which.
        catch (Exception e)
#pragma warning restore CA1031
        {
            return HealthCheckResult.Unhealthy("The store is not usable: " + e.Message);
        }
    }
}
