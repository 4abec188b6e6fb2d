using System.Diagnostics;
using System.Text;
using System.Text.Json.Nodes;

namespace LiveKit.DevServer.Tests.Support;

/// <summary>
/// Runs one of the tests' Node scripts (tests/LiveKit.DevServer.Tests/Node, so Node resolves the npm
/// packages scripts/setup.sh installs at the checkout root) and parses the JSON it prints.
/// </summary>
internal static class NodeScript
{
    private static readonly TimeSpan Timeout = TimeSpan.FromMinutes(2);

    public static async Task<JsonNode> RunAsync(string script, params string[] args)
    {
        if (!Directory.Exists(Path.Combine(RepoPaths.NodeModules, "livekit-server-sdk")))
        {
            throw new InvalidOperationException($"npm packages missing in {RepoPaths.NodeModules}; run ./scripts/setup.sh --tests first");
        }

        var start = new ProcessStartInfo("node")
        {
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
            throw new InvalidOperationException($"node {script} exited with {process.ExitCode}: {errors}\n{output}");
        }

        return JsonNode.Parse(output) ?? throw new InvalidOperationException($"node {script} printed nothing: {errors}");
    }
}
