namespace WarmTransfer.ControlApi.Storage;

/// <summary>Where the control API keeps its state (section <c>Store</c>).</summary>
internal sealed class StoreOptions
{
    public const string Section = "Store";

    /// <summary>
    /// The SQLite database file, created with its folder on first start. Relative paths are under the content root.
    /// Data-protection keys (console sessions) are kept in <c>keys/</c> beside it.
    /// </summary>
    public string Path { get; set; } = "data/control-api.db";

    /// <summary>How long a statement waits for another writer before failing (SQLite busy timeout).</summary>
    public TimeSpan BusyTimeout { get; set; } = TimeSpan.FromSeconds(10);
}
