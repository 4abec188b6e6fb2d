namespace WarmTransfer.EndToEnd.Infrastructure;

/// <summary>Generous limits: the machine is a loaded 2-core box and Chromium, the dev server and the API share it.</summary>
public static class TestTimeouts
{
    public static readonly TimeSpan Http = TimeSpan.FromSeconds(30);

    /// <summary>How long a page may take to show what a test waits for (ms, Playwright's unit).</summary>
    public const float PageMs = 45_000;
}
