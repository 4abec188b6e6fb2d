using System.Diagnostics;
using System.Text;

namespace LiveKit.Api.Tests.Support;

/// <summary>
/// Runs one of the test's Node scripts (kept beside the tests, so Node resolves the npm packages
/// scripts/setup.sh installs in the checkout's node_modules) with the machine's <c>node</c>.
/// Data goes in through arguments and stdin and comes back on stdout.
/// </summary>
internal static class NodeScript
{
    private static readonly TimeSpan Timeout = TimeSpan.FromMinutes(2);

    public static async Task<string> RunAsync(string script, string? stdin = null, params string[] args)
    {
        var modules = Path.Combine(RepoPaths.Root, "node_modules");
        if (!Directory.Exists(Path.Combine(modules, "livekit-server-sdk")) || !Directory.Exists(Path.Combine(modules, "@livekit", "protocol")))
        {
            throw new InvalidOperationException($"npm packages missing in {modules}; run ./scripts/setup.sh --tests first");
        }

        var start = new ProcessStartInfo("node")
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            StandardOutputEncoding = Encoding.UTF8,
            StandardErrorEncoding = Encoding.UTF8,
            WorkingDirectory = RepoPaths.Root,
        };
        start.ArgumentList.Add(RepoPaths.TestSource("Node", script));
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        using var process = Process.Start(start) ?? throw new InvalidOperationException("could not start node");
        using var cts = new CancellationTokenSource(Timeout);
        var stdout = process.StandardOutput.ReadToEndAsync(cts.Token);
        var stderr = process.StandardError.ReadToEndAsync(cts.Token);
        if (stdin is not null)
        {
            await process.StandardInput.WriteAsync(stdin.AsMemory(), cts.Token);
        }

        process.StandardInput.Close();
        try
        {
            await process.WaitForExitAsync(cts.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"node {script} did not finish within {Timeout}");
        }

        var output = await stdout;
        var errors = await stderr;
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"node {script} exited with {process.ExitCode}: {errors}");
        }

        return output;
    }
}
