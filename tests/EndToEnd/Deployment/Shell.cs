using System.Text.RegularExpressions;

namespace WarmTransfer.EndToEnd.Deployment;

/// <summary>Environments for the processes the rehearsal starts: nothing is inherited from the test host by accident.</summary>
public static partial class Shell
{
    /// <summary>PATH as in the .NET images (dotnet is /usr/bin/dotnet there), plus where this machine's dotnet is.</summary>
    public static string ImagePath { get; } = string.Join(':', new[]
    {
        Path.GetDirectoryName(Environment.ProcessPath is { } host && Path.GetFileNameWithoutExtension(host) == "dotnet" ? host : "/usr/bin/dotnet")!,
        "/usr/local/sbin", "/usr/local/bin", "/usr/sbin", "/usr/bin", "/sbin", "/bin",
    }.Distinct());

    /// <summary>
    /// The machine's own settings a build on it would see (HOME with its NuGet cache, language, proxy and certificate
    /// settings), and nothing of the test host's (no MSBuild or test-platform variables, which would steer a nested build).
    /// </summary>
    public static Dictionary<string, string> MachineEnvironment()
    {
        var environment = new Dictionary<string, string>(StringComparer.Ordinal) { ["PATH"] = ImagePath };
        foreach (System.Collections.DictionaryEntry entry in Environment.GetEnvironmentVariables())
        {
            string key = (string)entry.Key;
            if (PassedThrough().IsMatch(key))
            {
                environment[key] = (string)entry.Value!;
            }
        }

        return environment;
    }

    [GeneratedRegex(@"^(HOME|LANG|LC_ALL|TERM|SSL_CERT_FILE|SSL_CERT_DIR|NODE_EXTRA_CA_CERTS|CURL_CA_BUNDLE|NUGET_.*|DOTNET_CLI_TELEMETRY_OPTOUT|DOTNET_NOLOGO|(?i:https?_proxy|no_proxy))$", RegexOptions.CultureInvariant)]
    private static partial Regex PassedThrough();
}
