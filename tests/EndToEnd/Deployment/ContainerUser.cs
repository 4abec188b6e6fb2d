using System.Globalization;

namespace WarmTransfer.EndToEnd.Deployment;

/// <summary>
/// The non-root user a runtime stage runs as (<c>USER $APP_UID</c>: uid and gid 1654 in Microsoft's images). When the
/// tests run as root, processes drop to that uid/gid with util-linux <c>setpriv</c>; otherwise the tests' own user is
/// already non-root and stands in for it (its uid is then what <c>$APP_UID</c> means in the rehearsal).
/// </summary>
public sealed class ContainerUser
{
    private ContainerUser(int uid, bool switches)
    {
        Uid = uid;
        Switches = switches;
    }

    public int Uid { get; }

    /// <summary>True when processes are started through setpriv (the tests run as root).</summary>
    public bool Switches { get; }

    public string UidText => Uid.ToString(CultureInfo.InvariantCulture);

    /// <summary>Whether this test process runs as root.</summary>
    public static bool TestsRunAsRoot { get; } = CurrentUid() == 0;

    /// <summary>The user of <paramref name="stage"/>: its USER must be a non-root numeric uid.</summary>
    public static ContainerUser Of(DockerStage stage)
    {
        if (stage.User is null || !int.TryParse(stage.User, NumberStyles.None, CultureInfo.InvariantCulture, out int uid) || uid == 0)
        {
            throw new InvalidOperationException($"{stage}: USER is '{stage.User ?? "(not set: root)"}'; the image must run as a non-root numeric uid (USER $APP_UID).");
        }

        return TestsRunAsRoot ? new ContainerUser(uid, switches: true) : new ContainerUser(CurrentUid(), switches: false);
    }

    /// <summary>The program and arguments that run <paramref name="command"/> as this user.</summary>
    public (string FileName, IReadOnlyList<string> Arguments) Command(IReadOnlyList<string> command) =>
        Switches
            ? (Setpriv, [$"--reuid={UidText}", $"--regid={UidText}", "--clear-groups", "--", .. command])
            : (command[0], command.Skip(1).ToArray());

    /// <summary>Makes <paramref name="path"/> owned by this user (as <c>chown "$APP_UID"</c> in the image).</summary>
    public async Task ChownAsync(string path)
    {
        var (exit, output) = await ChildProcess.RunAsync("chown", "chown", [UidText, path], "/", Shell.MachineEnvironment(), TimeSpan.FromSeconds(30));
        if (exit != 0)
        {
            throw new InvalidOperationException($"chown {UidText} {path} failed: {output}");
        }
    }

    private static string Setpriv =>
        new[] { "/usr/bin/setpriv", "/bin/setpriv" }.FirstOrDefault(File.Exists)
        ?? throw new InvalidOperationException("setpriv (util-linux) is needed to run the images' processes as uid 1654 when the tests run as root.");

    private static int CurrentUid()
    {
        var (exit, output) = ChildProcess.RunAsync("id", "id", ["-u"], "/", Shell.MachineEnvironment(), TimeSpan.FromSeconds(30)).GetAwaiter().GetResult();
        return exit == 0 ? int.Parse(output.Trim(), CultureInfo.InvariantCulture) : throw new InvalidOperationException($"id -u failed: {output}");
    }
}
