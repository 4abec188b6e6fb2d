namespace WarmTransfer.EndToEnd.Deployment;

/// <summary>
/// Docker's COPY on the sandbox: a folder source copies its contents into the destination, a file source lands in a
/// destination folder (one ending in '/') or as the destination file. Modes and modification times are kept, as
/// COPY keeps them; files are owned by whoever runs the tests (root, as COPY makes them, when the tests run as root).
/// </summary>
[System.Runtime.Versioning.SupportedOSPlatform("linux")]
public static class ContextCopy
{
    /// <summary>Copies build-context <paramref name="source"/> (relative to <paramref name="context"/>), leaving out what <paramref name="ignore"/> excludes.</summary>
    public static void FromContext(string context, DockerIgnore ignore, string source, string destination, bool destinationIsFolder, CopyStep step)
    {
        string relative = DockerPath.Combine("/", source).TrimStart('/').TrimEnd('/');
        string host = Path.Combine(context, relative);
        if (source.StartsWith('/') || source.Split('/').Contains("..") || relative.Length == 0 && !Directory.Exists(host))
        {
            throw new InvalidOperationException($"Dockerfile line {step.Line}: COPY source '{source}' must be a path inside the build context.");
        }

        if (relative.Length > 0 && ignore.IsIgnored(relative) || !File.Exists(host) && !Directory.Exists(host))
        {
            throw new InvalidOperationException($"Dockerfile line {step.Line}: COPY source '{source}' is not in the build context (missing, or excluded by .dockerignore).");
        }

        Copy(host, destination, destinationIsFolder, path => ignore.IsIgnored(Path.GetRelativePath(context, path).Replace('\\', '/')));
    }

    /// <summary>Copies <paramref name="source"/> (a file or folder on the host) as COPY would; <paramref name="skip"/> leaves entries out.</summary>
    public static void Copy(string source, string destination, bool destinationIsFolder, Func<string, bool>? skip = null)
    {
        skip ??= _ => false;
        if (File.Exists(source))
        {
            string target = destinationIsFolder ? Path.Combine(destination, Path.GetFileName(source)) : destination;
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            CopyFile(source, target);
            return;
        }

        CopyFolder(source, destination, skip);
    }

    private static void CopyFolder(string source, string destination, Func<string, bool> skip)
    {
        Directory.CreateDirectory(destination);
        foreach (string entry in Directory.EnumerateFileSystemEntries(source))
        {
            if (skip(entry))
            {
                continue;
            }

            string target = Path.Combine(destination, Path.GetFileName(entry));
            if (Directory.Exists(entry))
            {
                CopyFolder(entry, target, skip);
            }
            else
            {
                CopyFile(entry, target);
            }
        }

        File.SetUnixFileMode(destination, File.GetUnixFileMode(source));
        Directory.SetLastWriteTimeUtc(destination, Directory.GetLastWriteTimeUtc(source));
    }

    private static void CopyFile(string source, string target)
    {
        File.Copy(source, target, overwrite: true);
        File.SetUnixFileMode(target, File.GetUnixFileMode(source));
        File.SetLastWriteTimeUtc(target, File.GetLastWriteTimeUtc(source));
    }
}
