using System.Text;
using System.Text.Json;

namespace WarmTransfer.EndToEnd.Deployment;

/// <summary>
/// Runs the Dockerfile's build stage on this machine: the stage's COPYs from the repository (filtered by
/// .dockerignore) into a sandbox, then its RUN commands in order with <c>/bin/sh -c</c> (Docker's default shell) and
/// the image folders (<c>/src</c>, <c>/out</c>) remapped into the sandbox by text substitution (see
/// <see cref="SandboxPaths"/>). apt-get lines are skipped (this machine has the packages; that is checked).
/// scripts/setup.sh downloads LiveKit's Rust core, the Silero model and the npm packages; the copies already fetched in
/// the checkout (artifacts/, node_modules/) stand in for those downloads.
/// </summary>
[System.Runtime.Versioning.SupportedOSPlatform("linux")]
public sealed class BuildRehearsal
{
    /// <summary>A publish of two projects on a loaded 2-core machine takes a minute or two.</summary>
    private static readonly TimeSpan RunTimeout = TimeSpan.FromMinutes(8);

    private BuildRehearsal(SandboxPaths paths) => Paths = paths;

    /// <summary>The build stage's file system (its <c>/out</c> is what the runtime stages COPY --from).</summary>
    public SandboxPaths Paths { get; }

    /// <summary>What was done, line by line (skipped apt-get lines included), for the test output.</summary>
    public StringBuilder Log { get; } = new();

    public static async Task<BuildRehearsal> RunAsync(Dockerfile dockerfile, DockerStage stage, string repoRoot, string sandbox)
    {
        var rehearsal = new BuildRehearsal(new SandboxPaths(Path.Combine(sandbox, stage.Name), SandboxPaths.ImageFolders(dockerfile)));
        Directory.CreateDirectory(rehearsal.Paths.Root);
        var ignore = DockerIgnore.Load(repoRoot);
        rehearsal.Log.AppendLine($"build context: {repoRoot} ({(ignore.RuleCount > 0 ? $".dockerignore, {ignore.RuleCount} rules" : "no .dockerignore")})");
        if (!stage.Runs.Any(r => r.Command.Contains("scripts/setup.sh", StringComparison.Ordinal)))
        {
            throw new InvalidOperationException($"{stage} no longer runs scripts/setup.sh: revisit the rehearsal's stand-ins for its downloads (artifacts/, node_modules/).");
        }

        foreach (var step in stage.Steps)
        {
            switch (step)
            {
                case WorkdirStep workdir:
                    Directory.CreateDirectory(rehearsal.Paths.HostPath(workdir.Path));
                    break;
                case CopyStep copy when copy.From is null:
                    rehearsal.Copy(repoRoot, ignore, copy);
                    break;
                case CopyStep copy:
                    throw new InvalidOperationException($"Dockerfile line {copy.Line}: the build stage copies from stage '{copy.From}', which the rehearsal does not model.");
                case RunStep run when AptGetLine.Is(run):
                    var missing = await AptGetLine.MissingHereAsync(run);
                    if (missing.Count > 0)
                    {
                        throw new InvalidOperationException($"Dockerfile line {run.Line} installs {string.Join(' ', missing)}, which this machine lacks, so the rehearsal cannot stand in for it.");
                    }

                    rehearsal.Log.AppendLine($"line {run.Line}: SKIPPED apt-get (present on this machine: {string.Join(' ', AptGetLine.Packages(run))})");
                    break;
                case RunStep { User: not null } run:
                    throw new InvalidOperationException($"Dockerfile line {run.Line}: the build stage runs as USER {run.User}; the rehearsal runs build steps as root only.");
                case RunStep run:
                    if (run.Command.Contains("scripts/setup.sh", StringComparison.Ordinal))
                    {
                        await rehearsal.PlaceDownloadsAsync(repoRoot, run);
                    }

                    await rehearsal.RunAsync(run);
                    break;
            }
        }

        return rehearsal;
    }

    private void Copy(string repoRoot, DockerIgnore ignore, CopyStep copy)
    {
        string destination = Paths.HostPath(copy.AbsoluteDestination);
        bool folder = copy.Destination.EndsWith('/') || copy.Sources.Count > 1;
        foreach (string source in copy.Sources)
        {
            ContextCopy.FromContext(repoRoot, ignore, source, destination, folder, copy);
        }

        Log.AppendLine($"line {copy.Line}: COPY {string.Join(' ', copy.Sources)} -> {copy.AbsoluteDestination}");
    }

    /// <summary>
    /// Puts the checkout's fetched artifacts/ and node_modules/ where setup.sh would download them, times kept. npm's
    /// marker is made current only after checking node_modules matches package-lock.json: that is what setup.sh's
    /// own <c>npm ci</c> + <c>touch</c> would leave, and it keeps setup.sh from fetching again.
    /// </summary>
    private async Task PlaceDownloadsAsync(string repoRoot, RunStep run)
    {
        string workdir = Paths.HostPath(run.Workdir);
        foreach (string download in new[] { "artifacts", "node_modules" })
        {
            string source = Path.Combine(repoRoot, download);
            if (!Directory.Exists(source))
            {
                throw new InvalidOperationException($"{source} is missing; run ./scripts/setup.sh first (the rehearsal uses it in place of the image's download).");
            }

            // cp -a: node_modules has symbolic links (.bin/), which COPY-like copying would resolve.
            var (exit, output) = await ChildProcess.RunAsync("cp", "cp", ["-a", source, Path.Combine(workdir, download)], "/", Shell.MachineEnvironment(), TimeSpan.FromMinutes(2));
            if (exit != 0)
            {
                throw new InvalidOperationException($"cp -a {source} failed: {output}");
            }
        }

        string lockFile = Path.Combine(workdir, "package-lock.json");
        string marker = Path.Combine(workdir, "node_modules", ".package-lock.json");
        using var wanted = JsonDocument.Parse(File.ReadAllText(lockFile));
        using var installed = JsonDocument.Parse(File.ReadAllText(marker));
        var have = installed.RootElement.GetProperty("packages");
        foreach (var package in wanted.RootElement.GetProperty("packages").EnumerateObject().Where(p => p.Name.Length > 0))
        {
            bool optional = package.Value.TryGetProperty("optional", out var o) && o.GetBoolean();
            bool present = have.TryGetProperty(package.Name, out var got)
                && got.GetProperty("version").GetString() == package.Value.GetProperty("version").GetString();
            if (!present && !optional)
            {
                throw new InvalidOperationException($"node_modules does not match package-lock.json ({package.Name}); run ./scripts/setup.sh first.");
            }
        }

        File.SetLastWriteTimeUtc(marker, DateTime.UtcNow);
        Log.AppendLine($"line {run.Line}: artifacts/ and node_modules/ of the checkout placed in {run.Workdir} as setup.sh's downloads");
    }

    private async Task RunAsync(RunStep run)
    {
        var environment = Shell.MachineEnvironment();
        foreach (var (key, value) in run.Environment)
        {
            environment[key] = Paths.Rewrite(value);
        }

        // A docker build's container ends with its RUN; here build servers would outlive it, so none are started.
        environment["MSBUILDDISABLENODEREUSE"] = "1";
        environment["DOTNET_CLI_USE_MSBUILD_SERVER"] = "0";
        environment["UseSharedCompilation"] = "false";
        string command = Paths.Rewrite(run.Command);
        var (exit, output) = await ChildProcess.RunAsync($"RUN line {run.Line}", "/bin/sh", ["-c", command], Paths.HostPath(run.Workdir), environment, RunTimeout);
        Log.AppendLine($"line {run.Line}: RUN {run.Command.Trim()} -> exit {exit}");
        if (exit != 0)
        {
            var lines = output.Split('\n');
            throw new InvalidOperationException(
                $"Dockerfile line {run.Line}: RUN failed with exit code {exit}.\nCommand as rehearsed: {command}\n--- last lines of its output ---\n{string.Join('\n', lines[^Math.Min(60, lines.Length)..])}");
        }

        if (run.Command.Contains("scripts/setup.sh", StringComparison.Ordinal) && (output.Contains("fetching", StringComparison.Ordinal) || output.Contains("installing", StringComparison.Ordinal)))
        {
            throw new InvalidOperationException($"Dockerfile line {run.Line}: setup.sh fetched or installed something although the stand-ins were in place:\n{output}");
        }
    }
}
