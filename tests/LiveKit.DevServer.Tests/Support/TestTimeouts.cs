namespace LiveKit.DevServer.Tests.Support;

/// <summary>Generous waits for a loaded 2-core machine: tests await events, these only bound a hang.</summary>
internal static class TestTimeouts
{
    public static readonly TimeSpan Event = TimeSpan.FromSeconds(20);

    /// <summary>How long to watch for something that must not happen (a negative check).</summary>
    public static readonly TimeSpan Quiet = TimeSpan.FromMilliseconds(500);
}
