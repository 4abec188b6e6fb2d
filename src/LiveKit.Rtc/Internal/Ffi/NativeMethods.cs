using System.Runtime.InteropServices;

namespace LiveKit.Rtc.Internal.Ffi;

/// <summary>
/// The four C entry points of livekit_ffi (livekit-ffi/src/cabi.rs), bound once through function pointers.
/// The library cannot be unloaded; it stays mapped for the life of the process.
/// </summary>
internal static unsafe class NativeMethods
{
    private static readonly Lock s_gate = new();
    private static nint s_library;
    private static delegate* unmanaged[Cdecl]<delegate* unmanaged[Cdecl]<byte*, nuint, void>, byte, byte*, byte*, void> s_initialize;
    private static delegate* unmanaged[Cdecl]<byte*, nuint, byte**, nuint*, ulong> s_request;
    private static delegate* unmanaged[Cdecl]<ulong, byte> s_dropHandle;

    public static bool IsLoaded => s_library != 0;

    /// <summary>Loads the library (once) and binds the entry points.</summary>
    public static void EnsureLoaded()
    {
        if (s_library != 0)
        {
            return;
        }
        lock (s_gate)
        {
            if (s_library != 0)
            {
                return;
            }
            string path = NativeLibraryLocator.Resolve(
                AppContext.BaseDirectory,
                Environment.GetEnvironmentVariable(NativeLibraryLocator.EnvironmentVariable),
                File.Exists);
            nint library;
            try
            {
                library = NativeLibrary.Load(path);
            }
            catch (Exception ex) when (ex is DllNotFoundException or BadImageFormatException)
            {
                throw ThrowHelper.NativeLibraryLoadFailed(path, ex);
            }

            s_initialize = (delegate* unmanaged[Cdecl]<delegate* unmanaged[Cdecl]<byte*, nuint, void>, byte, byte*, byte*, void>)
                Export(library, path, "livekit_ffi_initialize");
            s_request = (delegate* unmanaged[Cdecl]<byte*, nuint, byte**, nuint*, ulong>)Export(library, path, "livekit_ffi_request");
            s_dropHandle = (delegate* unmanaged[Cdecl]<ulong, byte>)Export(library, path, "livekit_ffi_drop_handle");
            // livekit_ffi_dispose is deliberately not bound: it block_on()s inside the core (panics on a core
            // thread) and closes every room of the process; rooms are closed one by one instead.
            s_library = library;
        }
    }

    private static nint Export(nint library, string path, string name)
    {
        if (!NativeLibrary.TryGetExport(library, name, out nint address))
        {
            throw ThrowHelper.NativeLibraryLoadFailed(path, new EntryPointNotFoundException(name));
        }
        return address;
    }

    /// <summary>void livekit_ffi_initialize(cb, capture_logs, sdk, sdk_version); the strings are NUL-terminated UTF-8.</summary>
    public static void Initialize(delegate* unmanaged[Cdecl]<byte*, nuint, void> callback, bool captureLogs, byte* sdk, byte* sdkVersion)
        => s_initialize(callback, captureLogs ? (byte)1 : (byte)0, sdk, sdkVersion);

    /// <summary>Returns the handle owning the response bytes, or 0 when the core rejected the request.</summary>
    public static ulong Request(byte* data, nuint length, byte** response, nuint* responseLength)
        => s_request(data, length, response, responseLength);

    /// <summary>Returns false when the core did not know the handle (already dropped or consumed).</summary>
    public static bool DropHandle(ulong handle) => s_dropHandle(handle) != 0;
}
