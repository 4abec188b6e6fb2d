using System.Threading.Channels;
using Dapper;
using Microsoft.Data.Sqlite;

namespace WarmTransfer.ControlApi.Storage.Sqlite;

/// <summary>
/// Group commit. Every write of the process is queued to one writer loop with its own connection. The loop takes
/// whatever is queued (up to <see cref="MaxBatch"/>), runs each write inside its own savepoint of one
/// <c>BEGIN IMMEDIATE</c> transaction, and commits once: under load many writes share one commit, which is where
/// SQLite spends its time. Each write stays atomic (a failing one is rolled back to its savepoint and fails alone)
/// and is durable when its task completes. Writes run in arrival order, one after another, so they see each other's
/// effects exactly as if committed one by one.
/// </summary>
/// <remarks>
/// Contract for <c>work</c>: use only the given connection and transaction, and do not wait on anything else — the
/// loop runs one write at a time. Callers are never run on the loop: completions are asynchronous.
/// </remarks>
internal sealed partial class SqliteDatabase : IAsyncDisposable
{
    private const int MaxBatch = 64;

    private readonly Channel<PendingWrite> _writes = Channel.CreateUnbounded<PendingWrite>(new UnboundedChannelOptions { SingleReader = true });
    private readonly object _loopGate = new();
    private Task? _writeLoop;
    private SqliteConnection? _writer;

    /// <summary>Runs <paramref name="work"/> atomically in the next group commit; returns once it is durable.</summary>
    public async Task<T> WriteAsync<T>(Func<SqliteConnection, SqliteTransaction, Task<T>> work, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(work);
        await _migrated.Value.WaitAsync(cancellationToken).ConfigureAwait(false);
        var pending = new PendingWrite<T>(work, cancellationToken);
        EnsureWriteLoop();
        if (!_writes.Writer.TryWrite(pending))
        {
            throw new ObjectDisposedException(nameof(SqliteDatabase), "The store is shutting down; the write was not made.");
        }

        return await pending.Task.ConfigureAwait(false);
    }

    /// <summary>One statement as a write; returns the rows changed.</summary>
    public Task<int> WriteAsync(string sql, object? parameters, CancellationToken cancellationToken) =>
        WriteAsync((connection, transaction) => connection.ExecuteAsync(new CommandDefinition(sql, parameters, transaction)), cancellationToken);

    /// <summary>Finishes the queued writes, then closes the writer's connection.</summary>
    public async ValueTask DisposeAsync()
    {
        _writes.Writer.TryComplete();
        Task? loop;
        lock (_loopGate)
        {
            loop = _writeLoop;
        }

        if (loop is not null)
        {
            await loop.ConfigureAwait(false);
        }

        if (_writer is not null)
        {
            await _writer.DisposeAsync().ConfigureAwait(false);
        }
    }

    private void EnsureWriteLoop()
    {
        lock (_loopGate)
        {
            _writeLoop ??= Task.Run(WriteLoopAsync);
        }
    }

    private async Task WriteLoopAsync()
    {
        var reader = _writes.Reader;
        var batch = new List<PendingWrite>(MaxBatch);
        while (await reader.WaitToReadAsync().ConfigureAwait(false))
        {
            batch.Clear();
            while (batch.Count < MaxBatch && reader.TryRead(out var pending))
            {
                if (!pending.CancelIfRequested())
                {
                    batch.Add(pending);
                }
            }

            if (batch.Count > 0)
            {
                await CommitAsync(batch).ConfigureAwait(false);
            }
        }
    }

    private async Task CommitAsync(List<PendingWrite> batch)
    {
        try
        {
            _writer ??= await OpenRawAsync(CancellationToken.None).ConfigureAwait(false);
            using var transaction = _writer.BeginTransaction(deferred: false);
            for (var i = 0; i < batch.Count; i++)
            {
                var savepoint = "w" + i.ToString(System.Globalization.CultureInfo.InvariantCulture);
                transaction.Save(savepoint);
                try
                {
                    await batch[i].RunAsync(_writer, transaction).ConfigureAwait(false);
                    transaction.Release(savepoint);
                }
#pragma warning disable CA1031 // The write's own failure goes back to its caller; the others in the batch go on.
                catch (Exception e) when (e is not SqliteException { SqliteErrorCode: SqliteBusy or SqliteIoError or SqliteCorrupt or SqliteFull })
#pragma warning restore CA1031
                {
                    transaction.Rollback(savepoint);
                    transaction.Release(savepoint);
                    batch[i].Failed(e);
                }
            }

            transaction.Commit();
            foreach (var pending in batch)
            {
                pending.Complete();
            }
        }
#pragma warning disable CA1031 // Nothing of the batch is durable: every caller gets the error.
        catch (Exception e)
#pragma warning restore CA1031
        {
            foreach (var pending in batch)
            {
                pending.Abort(e);
            }

            // The connection may be unusable (disk error, file replaced): the next batch starts on a fresh one.
            if (_writer is not null)
            {
                await _writer.DisposeAsync().ConfigureAwait(false);
                _writer = null;
            }
        }
    }

    private const int SqliteBusy = 5;
    private const int SqliteIoError = 10;
    private const int SqliteCorrupt = 11;
    private const int SqliteFull = 13;

    /// <summary>A queued write and its caller's completion.</summary>
    private abstract class PendingWrite
    {
        public abstract Task RunAsync(SqliteConnection connection, SqliteTransaction transaction);

        /// <summary>Completes a caller whose token was cancelled before its write ran; true if so.</summary>
        public abstract bool CancelIfRequested();

        /// <summary>The write itself failed (already rolled back to its savepoint).</summary>
        public abstract void Failed(Exception error);

        /// <summary>The batch committed: hand over the result, or the write's own failure.</summary>
        public abstract void Complete();

        /// <summary>The batch did not commit.</summary>
        public abstract void Abort(Exception error);
    }

    private sealed class PendingWrite<T>(Func<SqliteConnection, SqliteTransaction, Task<T>> work, CancellationToken cancellationToken) : PendingWrite
    {
        private readonly TaskCompletionSource<T> _completion = new(TaskCreationOptions.RunContinuationsAsynchronously);
        private T? _result;
        private Exception? _error;

        public Task<T> Task => _completion.Task;

        public override async Task RunAsync(SqliteConnection connection, SqliteTransaction transaction) =>
            _result = await work(connection, transaction).ConfigureAwait(false);

        public override bool CancelIfRequested() => cancellationToken.IsCancellationRequested && _completion.TrySetCanceled(cancellationToken);

        public override void Failed(Exception error) => _error = error;

        public override void Complete()
        {
            if (_error is null)
            {
                _completion.TrySetResult(_result!);
            }
            else
            {
                _completion.TrySetException(_error);
            }
        }

        public override void Abort(Exception error) => _completion.TrySetException(_error ?? error);
    }
}
