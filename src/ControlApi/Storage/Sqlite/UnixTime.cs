namespace WarmTransfer.ControlApi.Storage.Sqlite;

/// <summary>Times are stored as Unix milliseconds.</summary>
internal static class UnixTime
{
    public static long Ms(DateTimeOffset value) => value.ToUnixTimeMilliseconds();

    public static long? Ms(DateTimeOffset? value) => value?.ToUnixTimeMilliseconds();

    public static DateTimeOffset At(long ms) => DateTimeOffset.FromUnixTimeMilliseconds(ms);

    public static DateTimeOffset? At(long? ms) => ms is { } value ? DateTimeOffset.FromUnixTimeMilliseconds(value) : null;
}
