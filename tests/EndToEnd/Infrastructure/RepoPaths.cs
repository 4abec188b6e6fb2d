namespace WarmTransfer.EndToEnd.Infrastructure;

/// <summary>Folders of the checkout the tests run from (found by walking up to <c>WarmTransfer.sln</c>).</summary>
public static class RepoPaths
{
    private static readonly Lazy<string> RootPath = new(() =>
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "WarmTransfer.sln")))
            {
                return directory.FullName;
            }
        }

        throw new InvalidOperationException($"No WarmTransfer.sln above {AppContext.BaseDirectory}.");
    });

    public static string Root => RootPath.Value;

    /// <summary>The pages the control API serves.</summary>
    public static string Web => Path.Combine(Root, "web");

    /// <summary>Where <c>livekit-client.umd.js</c> is (placed by <c>scripts/setup.sh</c>).</summary>
    public static string LiveKitClientDist => Path.Combine(Root, "node_modules", "livekit-client", "dist");

    /// <summary>Screenshots and traces of test runs (git-ignored).</summary>
    public static string Artifacts => Path.Combine(Root, "tests", "EndToEnd", "artifacts");
}
