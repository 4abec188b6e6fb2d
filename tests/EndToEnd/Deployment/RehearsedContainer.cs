using System.Diagnostics;

namespace WarmTransfer.EndToEnd.Deployment;

/// <summary>
/// A runtime stage of the Dockerfile run as a process on this machine, standing in for its container: its
/// <c>COPY --from=build</c> output in a sandbox folder for <c>/app</c> (owned by root, as COPY leaves it, so the
/// non-root user can read but not write it), its RUN lines (apt-get skipped after checking this machine has the
/// packages) run as root with the image folders remapped, its ENV and the compose service's <c>environment:</c>
/// remapped for the sandbox (<see cref="SandboxPaths"/>, <see cref="SandboxNetwork"/>), and its ENTRYPOINT started
/// in its WORKDIR as its non-root USER (<see cref="ContainerUser"/>). Nothing of the test host's environment leaks in.
/// </summary>
[System.Runtime.Versioning.SupportedOSPlatform("linux")]
public sealed class RehearsedContainer : IAsyncDisposable
{
    private const string HttpPortsKey = "ASPNETCORE_HTTP_PORTS";
    private readonly DockerStage _stage;
    private readonly List<string> _readOnlyFolders = [];
    private ChildProcess? _process;

    private RehearsedContainer(DockerStage stage, ComposeService service, SandboxPaths paths, ContainerUser user)
    {
        _stage = stage;
        Service = service;
        Paths = paths;
        User = user;
    }

    public ComposeService Service { get; }

    public SandboxPaths Paths { get; }

    public ContainerUser User { get; }

    /// <summary>The environment the entrypoint gets (sandbox values).</summary>
    public Dictionary<string, string> Environment { get; } = new(StringComparer.Ordinal);

    public List<string> Log { get; } = [];

    public ChildProcess Process => _process ?? throw new InvalidOperationException($"{Service.Name} is not started.");

    /// <summary>Lays out the stage's file system in <paramref name="sandbox"/>/<c>stage name</c> and computes its environment.</summary>
    public static async Task<RehearsedContainer> PrepareAsync(
        Dockerfile dockerfile, DockerStage stage, ComposeService service, BuildRehearsal build, SandboxNetwork network, string sandbox)
    {
        var paths = new SandboxPaths(Path.Combine(sandbox, stage.Name), SandboxPaths.ImageFolders(dockerfile));
        var container = new RehearsedContainer(stage, service, paths, ContainerUser.Of(stage));
        CreateRootOwned(paths.Root);
        foreach (var step in stage.Steps)
        {
            await container.ApplyAsync(step, build);
        }

        foreach (string volume in stage.Volumes)
        {
            // Docker creates a missing volume mount point (root-owned); a named volume then takes its ownership.
            Directory.CreateDirectory(paths.HostPath(volume));
        }

        container.ComputeEnvironment(network);
        container.MakeImageFoldersReadOnly();
        return container;
    }

    /// <summary>Starts the ENTRYPOINT as the stage's user.</summary>
    public void Start()
    {
        var entrypoint = _stage.Entrypoint ?? throw new InvalidOperationException($"{_stage} has no ENTRYPOINT.");
        var (fileName, arguments) = User.Command(entrypoint);
        _process = ChildProcess.Start(Service.Name, fileName, arguments, Paths.HostPath(_stage.Workdir), Environment);
        Log.Add($"started {string.Join(' ', entrypoint)} as uid {User.UidText}{(User.Switches ? " (setpriv)" : " (the tests' own non-root user)")}");
        Log.Add($"environment (keys): {string.Join(' ', Environment.Keys.Order(StringComparer.Ordinal))}");
    }

    /// <summary>
    /// Runs the stage's HEALTHCHECK command (addresses remapped) as the container's user until it exits 0, each run
    /// stopped after the check's own timeout. Fails when <paramref name="within"/> passes or the process exits first.
    /// </summary>
    public async Task WaitHealthyAsync(SandboxNetwork network, TimeSpan within)
    {
        var check = _stage.HealthCheck ?? throw new InvalidOperationException($"{_stage} has no HEALTHCHECK.");
        string command = Paths.Rewrite(network.Rewrite(check.Command, Service.Name, $"HEALTHCHECK of stage {_stage.Name}"));
        var (fileName, arguments) = User.Command(["/bin/sh", "-c", command]);
        var clock = Stopwatch.StartNew();
        string last = "(not run)";
        int runs = 0;
        while (clock.Elapsed < within)
        {
            if (Process.HasExited)
            {
                throw new InvalidOperationException($"{Service.Name} exited with code {Process.ExitCode} before its HEALTHCHECK passed.\n{Process.Tail()}");
            }

            var (exit, output) = await ChildProcess.RunAsync($"HEALTHCHECK {Service.Name}", fileName, arguments, Paths.HostPath(_stage.Workdir), Environment, check.Timeout);
            runs++;
            if (exit == 0)
            {
                Log.Add($"HEALTHCHECK passed after {runs} run(s): {command}");
                return;
            }

            last = $"exit {exit}: {output.Trim()}";
            await Task.Delay(TimeSpan.FromMilliseconds(500));
        }

        throw new InvalidOperationException(
            $"The HEALTHCHECK of {Service.Name} did not pass within {within.TotalSeconds:F0} s ({runs} runs; last {last}).\nAs rehearsed: {command}\n{Process.Tail()}");
    }

    public async ValueTask DisposeAsync()
    {
        if (_process is not null)
        {
            await _process.DisposeAsync();
        }

        foreach (string folder in _readOnlyFolders)
        {
            await ChildProcess.RunAsync("chmod", "chmod", ["-R", "u+w", folder], "/", Shell.MachineEnvironment(), TimeSpan.FromSeconds(60));
        }
    }

    private static void CreateRootOwned(string path)
    {
        // As in an image: folders created by the build are 0755 (temp folders are created 0700).
        Directory.CreateDirectory(path);
        File.SetUnixFileMode(path, (UnixFileMode)Convert.ToInt32("755", 8));
    }

    private async Task ApplyAsync(StageStep step, BuildRehearsal build)
    {
        switch (step)
        {
            case WorkdirStep workdir:
                for (string? p = Paths.HostPath(workdir.Path); p is not null && p.Length > Paths.Root.Length; p = Path.GetDirectoryName(p))
                {
                    CreateRootOwned(p);
                }

                break;
            case CopyStep { From: not null } copy:
                string destination = Paths.HostPath(copy.AbsoluteDestination);
                foreach (string source in copy.Sources)
                {
                    string host = build.Paths.HostPath(source);
                    if (!File.Exists(host) && !Directory.Exists(host))
                    {
                        throw new InvalidOperationException($"Dockerfile line {copy.Line}: COPY --from={copy.From} {source}: the build stage did not produce it.");
                    }

                    ContextCopy.Copy(host, destination, copy.Destination.EndsWith('/') || copy.Sources.Count > 1);
                }

                Log.Add($"line {copy.Line}: COPY --from={copy.From} {string.Join(' ', copy.Sources)} -> {copy.AbsoluteDestination}");
                break;
            case CopyStep copy:
                throw new InvalidOperationException($"Dockerfile line {copy.Line}: runtime stages copying from the build context are not modelled by the rehearsal.");
            case RunStep run when AptGetLine.Is(run):
                var missing = await AptGetLine.MissingHereAsync(run);
                if (missing.Count > 0)
                {
                    throw new InvalidOperationException($"Dockerfile line {run.Line} installs {string.Join(' ', missing)}, which this machine lacks, so the rehearsal cannot stand in for it.");
                }

                Log.Add($"line {run.Line}: SKIPPED apt-get (present on this machine: {string.Join(' ', AptGetLine.Packages(run))})");
                break;
            case RunStep { User: not null } run:
                throw new InvalidOperationException($"Dockerfile line {run.Line}: RUN after USER is not modelled by the rehearsal.");
            case RunStep run:
                var environment = Shell.MachineEnvironment();
                foreach (var (key, value) in run.Environment)
                {
                    environment[key] = Paths.Rewrite(value);
                }

                // $APP_UID means the user the processes will run as (the tests' own uid when they are not root).
                environment["APP_UID"] = User.UidText;
                string command = Paths.Rewrite(run.Command);
                var (exit, output) = await ChildProcess.RunAsync($"RUN line {run.Line}", "/bin/sh", ["-c", command], Paths.HostPath(run.Workdir), environment, TimeSpan.FromSeconds(60));
                if (exit != 0)
                {
                    throw new InvalidOperationException($"Dockerfile line {run.Line}: RUN failed with exit code {exit}.\nAs rehearsed: {command}\n{output}");
                }

                Log.Add($"line {run.Line}: RUN {run.Command}");
                break;
        }
    }

    private void ComputeEnvironment(SandboxNetwork network)
    {
        // What a container process starts with: PATH, HOME of its user (the image's /home/app, here a folder of its
        // own owned by that user), the image's ENV, then compose's environment: (which overrides ENV).
        string home = Path.Combine(Paths.Root, "home-app");
        Directory.CreateDirectory(home);
        User.ChownAsync(home).GetAwaiter().GetResult();
        Environment["PATH"] = Shell.ImagePath;
        Environment["HOME"] = home;
        foreach (var (key, value) in _stage.Environment)
        {
            Environment[key] = Paths.Rewrite(network.Rewrite(value, Service.Name, $"ENV {key} of stage {_stage.Name}"));
        }

        // ASPNETCORE_HTTP_PORTS (from the base image) can only say "every interface"; the sandbox binds loopback only,
        // so it is left out (ASPNETCORE_URLS, rewritten to 127.0.0.1, overrides it in the image anyway).
        Environment.Remove(HttpPortsKey);
        Environment["APP_UID"] = User.UidText;
        foreach (var (key, value) in Service.Environment)
        {
            Environment[key] = Paths.Rewrite(network.Rewrite(value, Service.Name, $"compose {Service.Name} environment {key}"));
        }
    }

    private void MakeImageFoldersReadOnly()
    {
        if (User.Switches)
        {
            return; // Root owns the copied files; uid 1654 cannot write them, as in the image.
        }

        // The tests' own user owns the copies: take the write bits away instead (given back on dispose).
        foreach (string folder in Paths.Folders.Where(f => !_stage.Volumes.Any(v => DockerPath.TopLevel(v) == f)))
        {
            string host = Paths.HostPath(folder);
            if (Directory.Exists(host))
            {
                ChildProcess.RunAsync("chmod", "chmod", ["-R", "a-w", host], "/", Shell.MachineEnvironment(), TimeSpan.FromSeconds(60)).GetAwaiter().GetResult();
                _readOnlyFolders.Add(host);
            }
        }
    }
}
