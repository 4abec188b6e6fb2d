namespace WarmTransfer.EndToEnd.Deployment;

/// <summary>Paths inside an image (always '/'-separated, absolute once resolved).</summary>
public static class DockerPath
{
    /// <summary><paramref name="path"/> resolved against <paramref name="directory"/>, '.' and '..' folded, trailing '/' kept.</summary>
    public static string Combine(string directory, string path)
    {
        string joined = path.StartsWith('/') ? path : directory.TrimEnd('/') + "/" + path;
        var parts = new List<string>();
        foreach (string part in joined.Split('/', StringSplitOptions.RemoveEmptyEntries))
        {
            if (part == "..")
            {
                if (parts.Count > 0)
                {
                    parts.RemoveAt(parts.Count - 1);
                }
            }
            else if (part != ".")
            {
                parts.Add(part);
            }
        }

        string combined = "/" + string.Join('/', parts);
        return path.EndsWith('/') && combined != "/" ? combined + "/" : combined;
    }

    /// <summary>The first segment: <c>/out</c> for <c>/out/worker/</c>.</summary>
    public static string TopLevel(string absolutePath)
    {
        var segments = absolutePath.Split('/', StringSplitOptions.RemoveEmptyEntries);
        return segments.Length == 0 ? "/" : "/" + segments[0];
    }
}
