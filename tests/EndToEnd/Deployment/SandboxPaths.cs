using System.Text.RegularExpressions;

namespace WarmTransfer.EndToEnd.Deployment;

/// <summary>
/// One stage's file system in the sandbox: the image's own top-level folders (those the Dockerfile names in WORKDIR,
/// COPY and VOLUME: <c>/src</c>, <c>/out</c>, <c>/app</c>, <c>/data</c>, …) live under <see cref="Root"/>; system
/// folders (<c>/usr</c>, <c>/dev</c>, …) are this machine's. Commands and settings are remapped by plain text
/// substitution of those folder names where a path starts (after a space, quote, '=' or ':' or at the start).
/// </summary>
public sealed class SandboxPaths
{
    private readonly Regex _paths;

    public SandboxPaths(string root, IEnumerable<string> imageFolders)
    {
        Root = root;
        Folders = [.. imageFolders.Distinct().OrderByDescending(f => f.Length)];
        _paths = new Regex($@"(?<=^|[\s""'=:;(])(?:{string.Join('|', Folders.Select(Regex.Escape))})(?=/|$|[\s""';:&|)])", RegexOptions.CultureInvariant);
    }

    /// <summary>The host folder standing in for the container's <c>/</c> (only the image folders are in it).</summary>
    public string Root { get; }

    public IReadOnlyList<string> Folders { get; }

    /// <summary>The image folders the Dockerfile uses (top level of WORKDIR, absolute COPY sources and destinations, VOLUME).</summary>
    public static IEnumerable<string> ImageFolders(Dockerfile dockerfile) =>
        dockerfile.Stages.SelectMany(stage =>
            stage.Steps.SelectMany(step => step switch
            {
                WorkdirStep w => [w.Path],
                CopyStep c => c.From is null ? [c.AbsoluteDestination] : [c.AbsoluteDestination, .. c.Sources],
                _ => Array.Empty<string>(),
            })
            .Concat(stage.Volumes))
        .Select(DockerPath.TopLevel)
        .Where(folder => folder != "/");

    /// <summary>The host path of container path <paramref name="containerPath"/> (which must be in an image folder).</summary>
    public string HostPath(string containerPath)
    {
        string absolute = DockerPath.Combine("/", containerPath);
        return Folders.Contains(DockerPath.TopLevel(absolute))
            ? Root + absolute
            : throw new InvalidOperationException($"{containerPath} is outside the image folders the rehearsal maps ({string.Join(", ", Folders)}).");
    }

    /// <summary><paramref name="text"/> with the image folders' absolute paths pointing into the sandbox.</summary>
    public string Rewrite(string text) => _paths.Replace(text, m => Root + m.Value);
}
