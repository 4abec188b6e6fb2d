using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using WarmTransfer.ControlApi.Storage;
using WarmTransfer.ControlApi.Storage.Sqlite;
using WarmTransfer.ControlApi.Transfers;

namespace WarmTransfer.ControlApi.Tests.Storage;

/// <summary>The SQLite store on a real file in a temp folder.</summary>
public sealed class SqliteStoreTests : IAsyncLifetime
{
    private readonly string _folder = Directory.CreateTempSubdirectory("wt-store-").FullName;
    private readonly List<SqliteDatabase> _databases = [];

    [Fact]
    public async Task Open_NewFile_CreatesItInWalModeWithMigrationsRecordedOnce()
    {
        var path = Path.Combine(_folder, "nested", "store.db");
        var first = Database(path);
        await using (var connection = await first.OpenAsync(CancellationToken.None))
        {
            Assert.Equal("wal", Scalar<string>(connection, "PRAGMA journal_mode"));
        }

        // A second process on the same file finds the schema in place and applies nothing twice.
        var second = Database(path);
        await using var again = await second.OpenAsync(CancellationToken.None);
        Assert.Equal(1L, Scalar<long>(again, "SELECT COUNT(*) FROM schema_migrations"));
        Assert.Equal(1L, Scalar<long>(again, "SELECT MAX(version) FROM schema_migrations"));
        Assert.True(File.Exists(path));
    }

    [Fact]
    public async Task TryUpdate_StaleVersion_IsRefusedAndChangesNothing()
    {
        var store = new SqliteTransferStore(Database(Path.Combine(_folder, "store.db")));
        var now = DateTimeOffset.UtcNow;
        var transfer = NewTransfer("t1", "room-1", now);
        await store.InsertAsync(transfer, new TransferTransition(null, TransferState.Requested, now, "alice", null), [], [], CancellationToken.None);

        var first = await store.TryUpdateAsync(Update("t1", 1, TransferState.Requested, TransferState.Briefing, now), CancellationToken.None);
        var stale = await store.TryUpdateAsync(Update("t1", 1, TransferState.Requested, TransferState.Cancelled, now), CancellationToken.None);

        Assert.True(first);
        Assert.False(stale);
        var stored = await store.GetAsync("t1", CancellationToken.None);
        Assert.Equal(TransferState.Briefing, stored!.State);
        Assert.Equal(2, stored.Version);
        Assert.Equal(2, (await store.GetTransitionsAsync("t1", CancellationToken.None)).Count);
    }

    [Fact]
    public async Task Insert_SecondActiveTransferOnOneCallRoom_IsRefused_AfterTheFirstEndsItIsAllowed()
    {
        var store = new SqliteTransferStore(Database(Path.Combine(_folder, "store.db")));
        var now = DateTimeOffset.UtcNow;
        var created = new TransferTransition(null, TransferState.Requested, now, "alice", null);
        await store.InsertAsync(NewTransfer("t1", "room-1", now), created, [], [], CancellationToken.None);

        var second = await store.InsertAsync(NewTransfer("t2", "room-1", now), created, [], [], CancellationToken.None);
        await store.TryUpdateAsync(Update("t1", 1, TransferState.Requested, TransferState.Cancelled, now), CancellationToken.None);
        var third = await store.InsertAsync(NewTransfer("t3", "room-1", now), created, [], [], CancellationToken.None);

        Assert.False(second.Inserted);
        Assert.Equal("t1", second.ActiveTransferId);
        Assert.Null(await store.GetAsync("t2", CancellationToken.None));
        Assert.True(third.Inserted);
    }

    [Fact]
    public async Task Writes_ConcurrentlyQueued_EachAtomic_AFailingOneDoesNotTakeOthersDown()
    {
        var database = Database(Path.Combine(_folder, "store.db"));
        var store = new SqliteTransferStore(database);
        var now = DateTimeOffset.UtcNow;
        var created = new TransferTransition(null, TransferState.Requested, now, "alice", null);
        var events = new[] { new WarmTransfer.ControlApi.Events.AgentEvent(null, "bob", "transfer.incoming", "x", "{}", now) };

        // Twenty transfers on ten rooms, all at once: exactly one per room is recorded, with its event, and the
        // refused ones leave nothing behind (their writes roll back inside the shared commit).
        var outcomes = await Task.WhenAll(Enumerable.Range(0, 20).Select(i =>
            store.InsertAsync(NewTransfer("t" + i, "room-" + (i % 10), now), created, [], events, CancellationToken.None)));
        var failing = database.WriteAsync<int>((_, _) => throw new InvalidOperationException("boom"), CancellationToken.None);
        var after = store.InsertAsync(NewTransfer("t-after", "room-x", now), created, [], events, CancellationToken.None);

        Assert.Equal(10, outcomes.Count(o => o.Inserted));
        await Assert.ThrowsAsync<InvalidOperationException>(() => failing);
        Assert.True((await after).Inserted);
        await using var connection = await database.OpenAsync(CancellationToken.None);
        Assert.Equal(11L, Scalar<long>(connection, "SELECT COUNT(*) FROM transfers"));
        Assert.Equal(11L, Scalar<long>(connection, "SELECT COUNT(*) FROM agent_events"));
        Assert.Equal(11L, Scalar<long>(connection, "SELECT COUNT(*) FROM transfer_transitions"));
    }

    [Fact]
    public async Task TryUpdate_VersionConflict_WritesNoEvents()
    {
        var database = Database(Path.Combine(_folder, "store.db"));
        var store = new SqliteTransferStore(database);
        var now = DateTimeOffset.UtcNow;
        await store.InsertAsync(NewTransfer("t1", "room-1", now), new TransferTransition(null, TransferState.Requested, now, "alice", null), [], [], CancellationToken.None);
        var events = new[] { new WarmTransfer.ControlApi.Events.AgentEvent(null, "alice", "transfer.state", "t1", "{}", now) };

        Assert.True(await store.TryUpdateAsync(new TransferUpdate("t1", 1, new TransferTransition(TransferState.Requested, TransferState.Briefing, now, "system", null), [], events), CancellationToken.None));
        Assert.False(await store.TryUpdateAsync(new TransferUpdate("t1", 1, new TransferTransition(TransferState.Requested, TransferState.Cancelled, now, "alice", null), [], events), CancellationToken.None));

        await using var connection = await database.OpenAsync(CancellationToken.None);
        Assert.Equal(1L, Scalar<long>(connection, "SELECT COUNT(*) FROM agent_events"));
    }

    [Fact]
    public async Task Deadlines_ReplacedWithEachStateChange_DueOnesReturnedInOrder()
    {
        var store = new SqliteTransferStore(Database(Path.Combine(_folder, "store.db")));
        var now = DateTimeOffset.UtcNow;
        await store.InsertAsync(NewTransfer("t1", "room-1", now), new TransferTransition(null, TransferState.Requested, now, "alice", null), [new("t1", DeadlineKind.Setup, now.AddSeconds(30))], [], CancellationToken.None);

        await store.TryUpdateAsync(
            new TransferUpdate("t1", 1, new TransferTransition(TransferState.Requested, TransferState.Briefing, now, "system", null), [new("t1", DeadlineKind.AgentJoin, now.AddSeconds(60)), new("t1", DeadlineKind.Briefing, now.AddMinutes(5))], []),
            CancellationToken.None);

        Assert.Equal(DeadlineKind.AgentJoin, (await store.GetNextDeadlineAsync(CancellationToken.None))!.Kind);
        Assert.Empty(await store.GetDueDeadlinesAsync(now.AddSeconds(59), 10, CancellationToken.None));
        Assert.Equal([DeadlineKind.AgentJoin, DeadlineKind.Briefing], (await store.GetDueDeadlinesAsync(now.AddHours(1), 10, CancellationToken.None)).Select(d => d.Kind));
        Assert.True(await store.MarkAgentJoinedAsync("t1", now, CancellationToken.None));
        Assert.False(await store.MarkAgentJoinedAsync("t1", now, CancellationToken.None));
        Assert.Equal([DeadlineKind.Briefing], (await store.GetDueDeadlinesAsync(now.AddHours(1), 10, CancellationToken.None)).Select(d => d.Kind));
    }

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync()
    {
        foreach (var database in _databases)
        {
            await database.DisposeAsync();
        }

        SqliteConnection.ClearAllPools();
        Directory.Delete(_folder, recursive: true);
    }

    private SqliteDatabase Database(string path)
    {
        var database = new SqliteDatabase(Options.Create(new StoreOptions { Path = path }), new Environment(Path.GetTempPath()), NullLogger<SqliteDatabase>.Instance);
        _databases.Add(database);
        return database;
    }

    private static Transfer NewTransfer(string id, string room, DateTimeOffset now) => new()
    {
        Id = id,
        CallRoom = room,
        HandoffRoom = "handoff-" + id,
        FromAgent = "alice",
        ToAgent = "bob",
        State = TransferState.Requested,
        Origin = TransferOrigins.Api,
        CreatedBy = "alice",
        CreatedAt = now,
        UpdatedAt = now,
        Version = 1,
    };

    private static TransferUpdate Update(string id, long version, TransferState from, TransferState to, DateTimeOffset at) =>
        new(id, version, new TransferTransition(from, to, at, "test", null), [], []);

    private static T Scalar<T>(SqliteConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        return (T)command.ExecuteScalar()!;
    }

    private sealed class Environment(string root) : IHostEnvironment
    {
        public string EnvironmentName { get; set; } = "Test";

        public string ApplicationName { get; set; } = "ControlApi.Tests";

        public string ContentRootPath { get; set; } = root;

        public Microsoft.Extensions.FileProviders.IFileProvider ContentRootFileProvider { get; set; } = new Microsoft.Extensions.FileProviders.NullFileProvider();
    }
}
