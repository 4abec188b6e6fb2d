using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace WarmTransfer.ServiceDefaults;

/// <summary>
/// Runs a host to its end. A start refused because settings are invalid prints each invalid setting on standard error
/// and ends with <see cref="InvalidSettingsExitCode"/>: an operator reads what to fix, not an unhandled exception's
/// stack trace and an abort. Any other failure propagates as before.
/// </summary>
public static class HostRunner
{
    /// <summary>EX_CONFIG of sysexits.h: the program's configuration is wrong.</summary>
    public const int InvalidSettingsExitCode = 78;

    /// <summary>
    /// Builds the host with <paramref name="build"/> (which may map endpoints and read options) and runs it; returns 0
    /// when it stopped normally, <see cref="InvalidSettingsExitCode"/> when building or starting it met invalid settings.
    /// </summary>
    public static async Task<int> RunAsync(Func<IHost> build, string programName, TextWriter error)
    {
        ArgumentNullException.ThrowIfNull(build);
        ArgumentNullException.ThrowIfNull(error);
        try
        {
            using var host = build();
            await host.RunAsync().ConfigureAwait(false);
            return 0;
        }
        catch (Exception e) when (InvalidSettings(e) is { Count: > 0 } failures)
        {
            await error.WriteLineAsync($"{programName} did not start: {(failures.Count == 1 ? "a setting is" : "settings are")} not valid.").ConfigureAwait(false);
            foreach (var failure in failures)
            {
                await error.WriteLineAsync("  - " + failure).ConfigureAwait(false);
            }

            await error.FlushAsync().ConfigureAwait(false);
            return InvalidSettingsExitCode;
        }
    }

    /// <summary>The validation failures when <paramref name="error"/> consists only of options validation errors; otherwise empty.</summary>
    public static IReadOnlyList<string> InvalidSettings(Exception error)
    {
        ArgumentNullException.ThrowIfNull(error);
        var failures = new List<string>();
        // Distinct: an options type validated on start and again by a service that needs it fails twice.
        return Collect(error, failures) ? [.. failures.Distinct(StringComparer.Ordinal)] : [];
    }

    private static bool Collect(Exception error, List<string> failures)
    {
        switch (error)
        {
            case OptionsValidationException validation:
                failures.AddRange(validation.Failures.Any() ? validation.Failures : [validation.Message]);
                return true;
            case AggregateException aggregate:
                return aggregate.InnerExceptions.Count > 0 && aggregate.InnerExceptions.All(inner => Collect(inner, failures));
            default:
                return false;
        }
    }
}
