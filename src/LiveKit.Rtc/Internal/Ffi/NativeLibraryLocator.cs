using System.Runtime.InteropServices;

namespace LiveKit.Rtc.Internal.Ffi;

/// <summary>
/// Finds LiveKit's Rust core. scripts/setup.sh fetches it, weakens its napi_* imports so it loads outside
/// Node, and places it in artifacts/native/linux-x64/; LiveKit.Rtc.csproj copies it next to every consumer
/// as runtimes/linux-x64/native/liblivekit_ffi.so. <c>LIVEKIT_FFI_LIBRARY</c> points at another copy.
/// </summary>
internal static class NativeLibraryLocator
{
    public const string FileName = "liblivekit_ffi.so";
    public const string EnvironmentVariable = "LIVEKIT_FFI_LIBRARY";
    public static readonly string RelativeDirectory = Path.Combine("runtimes", "linux-x64", "native");

    /// <summary>The candidate paths in the order they are tried.</summary>
    public static IReadOnlyList<string> Candidates(string baseDirectory, string? environmentValue)
    {
        var candidates = new List<string>(2) { Path.Combine(baseDirectory, RelativeDirectory, FileName) };
        if (!string.IsNullOrWhiteSpace(environmentValue))
        {
            candidates.Add(environmentValue);
        }
        return candidates;
    }

    /// <summary>Returns the first existing candidate, or throws an exception that says how to fix it.</summary>
    public static string Resolve(string baseDirectory, string? environmentValue, Func<string, bool> fileExists)
    {
        if (!OperatingSystem.IsLinux() || RuntimeInformation.ProcessArchitecture != Architecture.X64)
        {
            throw ThrowHelper.UnsupportedPlatform(RuntimeInformation.RuntimeIdentifier);
        }

        var candidates = Candidates(baseDirectory, environmentValue);
        foreach (var candidate in candidates)
        {
            if (fileExists(candidate))
            {
                return candidate;
            }
        }
        throw ThrowHelper.NativeLibraryMissing(candidates);
    }
}
