using System.Diagnostics;
using WarmTransfer.ServiceDefaults;

namespace WarmTransfer.ControlApi.Tests.Hosting;

/// <summary>
/// Bad settings stop the control API at start with each setting named on standard error and exit code 78, not an
/// unhandled exception. Run as an operator runs it: the program itself, in a process of its own.
/// </summary>
public sealed class StartupValidationTests
{
    [Fact]
    public async Task Start_ProductionWithoutSettings_ExitsNamingEachMissingSetting()
    {
        var run = await RunControlApiAsync(environment: "Production", new Dictionary<string, string>());

        Assert.Equal(HostRunner.InvalidSettingsExitCode, run.ExitCode);
        Assert.StartsWith("The control API did not start: settings are not valid.", run.Error, StringComparison.Ordinal);
        Assert.Contains("  - LIVEKIT_URL is not set", run.Error, StringComparison.Ordinal);
        Assert.Contains("  - LIVEKIT_API_KEY is not set", run.Error, StringComparison.Ordinal);
        Assert.Contains("  - LIVEKIT_API_SECRET is not set", run.Error, StringComparison.Ordinal);
        Assert.Contains("  - WORKER_API_KEY is not set", run.Error, StringComparison.Ordinal);
        Assert.DoesNotContain("Unhandled exception", run.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Start_InvalidValues_ExitsNamingTheSettingsAndTheirValues()
    {
        var run = await RunControlApiAsync(environment: "Development", new Dictionary<string, string>
        {
            ["LIVEKIT_URL"] = "ftp://example",
            ["Transfers__AgentJoinTimeout"] = "00:00:00",
            ["Auth__Agents__0__Identity"] = "dave",
            ["Auth__Agents__0__PasswordHash"] = "plaintext",
        });

        Assert.Equal(HostRunner.InvalidSettingsExitCode, run.ExitCode);
        Assert.Contains("  - LIVEKIT_URL 'ftp://example' is not a ws://", run.Error, StringComparison.Ordinal);
        Assert.Contains("  - Transfers:AgentJoinTimeout must be between", run.Error, StringComparison.Ordinal);
        Assert.Contains("Auth:Agents:0:PasswordHash is not a 'pbkdf2-sha256", run.Error, StringComparison.Ordinal);
        Assert.DoesNotContain("plaintext", run.Error, StringComparison.Ordinal);
        Assert.DoesNotContain("Unhandled exception", run.Error, StringComparison.Ordinal);
    }

    private sealed record ProgramRun(int ExitCode, string Error);

    /// <summary>Runs <c>ControlApi.dll</c> (copied beside the tests) with only the given settings; at most 60 s.</summary>
    private static async Task<ProgramRun> RunControlApiAsync(string environment, Dictionary<string, string> settings)
    {
        var data = Directory.CreateTempSubdirectory("wt-control-api-start-");
        try
        {
            var start = new ProcessStartInfo("dotnet")
            {
                ArgumentList = { Path.Combine(AppContext.BaseDirectory, "ControlApi.dll") },
                RedirectStandardError = true,
                RedirectStandardOutput = true,
                UseShellExecute = false,
                WorkingDirectory = data.FullName,
            };

            // Nothing of the test host's own environment decides what the program reads.
            foreach (var key in start.Environment.Keys.Where(k => k.StartsWith("LIVEKIT_", StringComparison.Ordinal) || k.StartsWith("ASPNETCORE_", StringComparison.Ordinal)
                || k.StartsWith("DOTNET_ENVIRONMENT", StringComparison.Ordinal) || k is "WORKER_API_KEY" || k.Contains("__", StringComparison.Ordinal)).ToList())
            {
                start.Environment.Remove(key);
            }

            start.Environment["ASPNETCORE_ENVIRONMENT"] = environment;
            start.Environment["ASPNETCORE_URLS"] = "http://127.0.0.1:0";
            start.Environment["Store__Path"] = Path.Combine(data.FullName, "control-api.db");
            foreach (var (key, value) in settings)
            {
                start.Environment[key] = value;
            }

            using var process = Process.Start(start) ?? throw new InvalidOperationException("dotnet did not start");
            var output = process.StandardOutput.ReadToEndAsync();
            var error = process.StandardError.ReadToEndAsync();
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
            try
            {
                await process.WaitForExitAsync(timeout.Token);
            }
            catch (OperationCanceledException)
            {
                process.Kill(entireProcessTree: true);
                Assert.Fail($"the control API was still running after 60 s; it should have refused its settings.\n{await output}\n{await error}");
            }

            return new ProgramRun(process.ExitCode, await error);
        }
        finally
        {
            data.Delete(recursive: true);
        }
    }
}
