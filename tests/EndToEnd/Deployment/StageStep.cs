namespace WarmTransfer.EndToEnd.Deployment;

/// <summary>A step of a stage that changes its file system, in Dockerfile order.</summary>
public abstract record StageStep(int Line);

/// <summary><c>WORKDIR</c>: the directory is created (root-owned, 0755) and later relative paths start there.</summary>
public sealed record WorkdirStep(int Line, string Path) : StageStep(Line);

/// <summary>
/// <c>COPY [--from=stage] source… destination</c>: sources are build-context paths (or absolute paths in
/// <paramref name="From"/>'s file system); a relative destination is under <paramref name="Workdir"/>.
/// </summary>
public sealed record CopyStep(int Line, string? From, IReadOnlyList<string> Sources, string Destination, string Workdir) : StageStep(Line)
{
    /// <summary>The absolute destination in the stage's file system.</summary>
    public string AbsoluteDestination => Destination.StartsWith('/') ? Destination : DockerPath.Combine(Workdir, Destination);
}

/// <summary>
/// <c>RUN</c> (shell form): <paramref name="Command"/> as written, run by <c>/bin/sh -c</c> in <paramref name="Workdir"/>
/// as <paramref name="User"/> (null: root) with the stage's <paramref name="Environment"/> as it is at that line.
/// </summary>
public sealed record RunStep(int Line, string Command, string Workdir, string? User, IReadOnlyDictionary<string, string> Environment) : StageStep(Line);
