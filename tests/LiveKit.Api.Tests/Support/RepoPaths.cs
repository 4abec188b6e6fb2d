namespace LiveKit.Api.Tests.Support;

/// <summary>Locates the checkout the tests run from (the folder holding WarmTransfer.sln).</summary>
internal static class RepoPaths
{
    private static readonly Lazy<string> LazyRoot = new(FindRoot);

    public static string Root => LazyRoot.Value;

    public static string TestSource(params string[] parts) =>
        Path.Combine([Root, "tests", "LiveKit.Api.Tests", .. parts]);

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "WarmTransfer.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException($"WarmTransfer.sln not found above {AppContext.BaseDirectory}");
    }
}
