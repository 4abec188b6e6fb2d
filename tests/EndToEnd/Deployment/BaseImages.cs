namespace WarmTransfer.EndToEnd.Deployment;

/// <summary>
/// What the base images bring that the Dockerfile relies on. Images cannot be pulled here, so their environment is
/// written down: Microsoft's .NET 8+ images define the non-root user <c>app</c> (uid and gid 1654, home
/// <c>/home/app</c>) and <c>APP_UID</c>, and set <c>ASPNETCORE_HTTP_PORTS=8080</c>.
/// An image not listed fails the rehearsal, so a new base image gets looked at.
/// </summary>
public static class BaseImages
{
    public const int DotnetAppUid = 1654;
    public const string DotnetAppHome = "/home/app";

    private static readonly string[] DotnetImages = ["mcr.microsoft.com/dotnet/sdk:", "mcr.microsoft.com/dotnet/aspnet:", "mcr.microsoft.com/dotnet/runtime:"];

    /// <summary>The environment of <paramref name="image"/> (a registry image, not a stage).</summary>
    public static IReadOnlyDictionary<string, string> Environment(string image, DockerfileInstruction at) =>
        DotnetImages.Any(prefix => image.StartsWith(prefix, StringComparison.Ordinal))
            ? new Dictionary<string, string>(StringComparer.Ordinal)
            {
                ["APP_UID"] = DotnetAppUid.ToString(System.Globalization.CultureInfo.InvariantCulture),
                ["ASPNETCORE_HTTP_PORTS"] = "8080",
                ["DOTNET_RUNNING_IN_CONTAINER"] = "true",
            }
            : throw DockerfileSyntax.Error(at, $"base image '{image}' is unknown to the rehearsal; describe its environment and user in BaseImages");
}
