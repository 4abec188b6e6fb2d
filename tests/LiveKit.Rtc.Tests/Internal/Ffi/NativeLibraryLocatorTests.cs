using LiveKit.Rtc.Internal.Ffi;

namespace LiveKit.Rtc.Tests.Internal.Ffi;

public sealed class NativeLibraryLocatorTests
{
    [Fact]
    public void Resolve_NothingFound_ThrowsNamingTheSetupScriptAndEveryPathTried()
    {
        var ex = Assert.Throws<NativeLibraryException>(() =>
            NativeLibraryLocator.Resolve("/opt/app", "/custom/liblivekit_ffi.so", _ => false));

        Assert.Contains("./scripts/setup.sh", ex.Message, StringComparison.Ordinal);
        Assert.Contains("/opt/app/runtimes/linux-x64/native/liblivekit_ffi.so", ex.Message, StringComparison.Ordinal);
        Assert.Contains("/custom/liblivekit_ffi.so", ex.Message, StringComparison.Ordinal);
        Assert.Contains("LIVEKIT_FFI_LIBRARY", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Resolve_BothPresent_PrefersTheCopyNextToTheApp()
    {
        string path = NativeLibraryLocator.Resolve("/opt/app", "/custom/lib.so", _ => true);

        Assert.Equal("/opt/app/runtimes/linux-x64/native/liblivekit_ffi.so", path);
    }

    [Fact]
    public void Resolve_OnlyEnvironmentCopy_UsesIt()
    {
        string path = NativeLibraryLocator.Resolve("/opt/app", "/custom/lib.so", p => p == "/custom/lib.so");

        Assert.Equal("/custom/lib.so", path);
    }

    [Fact]
    public void Resolve_TestOutput_FindsTheLibraryPlacedByTheBuild()
    {
        // The csproj copies artifacts/native/linux-x64/liblivekit_ffi.so next to every consumer.
        string path = NativeLibraryLocator.Resolve(AppContext.BaseDirectory, null, File.Exists);

        Assert.True(File.Exists(path));
        RtcRuntime.EnsureInitialized();
    }
}
