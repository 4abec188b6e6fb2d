using System.Diagnostics;
using System.Text;

namespace WarmTransfer.EndToEnd.Deployment;

/// <summary>
/// A process the rehearsal starts, with stdout and stderr captured together (for failure messages; nothing secret is
/// in them). Always disposed: a process still running is stopped (SIGTERM, then SIGKILL of its tree).
/// </summary>
public sealed class ChildProcess : IAsyncDisposable
{
    private static readonly TimeSpan StopGrace = TimeSpan.FromSeconds(5);
    private readonly Process _process;
    private readonly StringBuilder _output = new();
    private readonly TaskCompletionSource _stdoutClosed = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly TaskCompletionSource _stderrClosed = new(TaskCreationOptions.RunContinuationsAsynchronously);

    private ChildProcess(Process process, string name)
    {
        _process = process;
        Name = name;
    }

    public string Name { get; }

    public int Id => _process.Id;

    public bool HasExited => _process.HasExited;

    public int ExitCode => _process.ExitCode;

    /// <summary>Everything printed so far.</summary>
    public string Output
    {
        get
        {
            lock (_output)
            {
                return _output.ToString();
            }
        }
    }

    /// <summary>Starts <paramref name="fileName"/> with exactly <paramref name="environment"/> (nothing inherited).</summary>
    public static ChildProcess Start(string name, string fileName, IEnumerable<string> arguments, string workingDirectory, IReadOnlyDictionary<string, string> environment)
    {
        var info = new ProcessStartInfo(fileName)
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
        };
        foreach (string argument in arguments)
        {
            info.ArgumentList.Add(argument);
        }

        info.Environment.Clear();
        foreach (var (key, value) in environment)
        {
            info.Environment[key] = value;
        }

        var process = new Process { StartInfo = info };
        var child = new ChildProcess(process, name);
        process.OutputDataReceived += (_, e) => child.Append(e.Data, child._stdoutClosed);
        process.ErrorDataReceived += (_, e) => child.Append(e.Data, child._stderrClosed);
        process.Start();
        process.StandardInput.Close();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return child;
    }

    /// <summary>Runs to the end; past <paramref name="timeout"/> the process is killed and the result is exit code -1.</summary>
    public static async Task<(int ExitCode, string Output)> RunAsync(
        string name, string fileName, IEnumerable<string> arguments, string workingDirectory, IReadOnlyDictionary<string, string> environment, TimeSpan timeout)
    {
        await using var child = Start(name, fileName, arguments, workingDirectory, environment);
        using var cancel = new CancellationTokenSource(timeout);
        try
        {
            await child.WaitForExitAsync(cancel.Token);
            return (child.ExitCode, child.Output);
        }
        catch (OperationCanceledException)
        {
            await child.DisposeAsync();
            return (-1, child.Output + $"\n[rehearsal] {name}: stopped after {timeout.TotalSeconds:F0} s");
        }
    }

    public async Task WaitForExitAsync(CancellationToken cancellationToken)
    {
        await _process.WaitForExitAsync(cancellationToken);
        await Task.WhenAll(_stdoutClosed.Task, _stderrClosed.Task).WaitAsync(TimeSpan.FromSeconds(5), cancellationToken);
    }

    /// <summary>The last <paramref name="lines"/> lines of output, labelled, for an assertion message.</summary>
    public string Tail(int lines = 80)
    {
        var all = Output.Split('\n');
        string state = HasExited ? $"exited with {ExitCode}" : "running";
        return $"--- {Name} ({state}), last {Math.Min(lines, all.Length)} of {all.Length} lines ---\n{string.Join('\n', all[^Math.Min(lines, all.Length)..])}";
    }

    /// <summary>Asks the process to stop (SIGTERM, as <c>docker stop</c> does); kills the tree if it has not after a grace period.</summary>
    public async ValueTask DisposeAsync()
    {
        try
        {
            if (!_process.HasExited)
            {
                using var kill = Process.Start(new ProcessStartInfo("kill", ["-TERM", _process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)]) { UseShellExecute = false });
                if (kill is not null)
                {
                    await kill.WaitForExitAsync();
                }

                using var grace = new CancellationTokenSource(StopGrace);
                try
                {
                    await _process.WaitForExitAsync(grace.Token);
                }
                catch (OperationCanceledException)
                {
                    _process.Kill(entireProcessTree: true);
                    await _process.WaitForExitAsync();
                }
            }
        }
        catch (InvalidOperationException)
        {
            // Exited in between.
        }
        finally
        {
            _process.Dispose();
        }
    }

    private void Append(string? line, TaskCompletionSource closed)
    {
        if (line is null)
        {
            closed.TrySetResult();
            return;
        }

        lock (_output)
        {
            _output.Append(line).Append('\n');
        }
    }
}
