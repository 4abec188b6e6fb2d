using System.Text.RegularExpressions;

namespace WarmTransfer.EndToEnd.Deployment;

/// <summary>
/// A RUN line that installs Debian/Ubuntu packages. The rehearsal cannot reach the image's package mirror, so it
/// skips such a line and instead checks that this machine has what it installs (the package, or for a package that
/// only provides a command, that command on PATH: e.g. npm bundled with Node.js).
/// </summary>
public static partial class AptGetLine
{
    public static bool Is(RunStep step) => AptGet().IsMatch(step.Command);

    /// <summary>The packages of its <c>apt-get install</c> commands.</summary>
    public static IReadOnlyList<string> Packages(RunStep step) =>
        [.. Install().Matches(step.Command).SelectMany(m => m.Groups["args"].Value.Split(' ', StringSplitOptions.RemoveEmptyEntries)).Where(a => !a.StartsWith('-'))];

    /// <summary>Packages (of <see cref="Packages"/>) that this machine lacks.</summary>
    public static async Task<IReadOnlyList<string>> MissingHereAsync(RunStep step)
    {
        var missing = new List<string>();
        foreach (string package in Packages(step))
        {
            var (exit, output) = await ChildProcess.RunAsync("dpkg-query", "dpkg-query", ["-W", "-f=${Status}", package], "/", Shell.MachineEnvironment(), TimeSpan.FromSeconds(30));
            bool installed = exit == 0 && output.Contains("install ok installed", StringComparison.Ordinal);
            bool command = Shell.ImagePath.Split(':').Any(dir => File.Exists(Path.Combine(dir, package)));
            if (!installed && !command)
            {
                missing.Add(package);
            }
        }

        return missing;
    }

    [GeneratedRegex(@"\bapt-get\b")]
    private static partial Regex AptGet();

    [GeneratedRegex(@"\bapt-get\s+install\b(?<args>[^&;|]*)")]
    private static partial Regex Install();
}
