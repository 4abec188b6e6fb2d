using System.Diagnostics.CodeAnalysis;
using LiveKit.Rtc.Internal.Proto;

namespace LiveKit.Rtc.Internal;

/// <summary>The one place native failures become typed exceptions.</summary>
internal static class ThrowHelper
{
    public const string SetupHint = "Run ./scripts/setup.sh in the repository (it fetches LiveKit's Rust core from npm, "
        + "makes it loadable and places it in artifacts/native/linux-x64/), then rebuild so it is copied next to the app; "
        + "or set LIVEKIT_FFI_LIBRARY to the path of a prepared liblivekit_ffi.so.";

    public static NativeLibraryException NativeLibraryMissing(IReadOnlyList<string> searched) => new(
        $"LiveKit's Rust core (liblivekit_ffi.so) was not found. Looked in: {string.Join(", ", searched)}. {SetupHint}");

    public static NativeLibraryException NativeLibraryLoadFailed(string path, Exception inner) => new(
        $"LiveKit's Rust core at {path} could not be loaded: {inner.Message}. "
        + "If the message names an undefined napi_* symbol, the file was not prepared by the set-up step. " + SetupHint, inner);

    public static NativeLibraryException UnsupportedPlatform(string runtimeIdentifier) => new(
        $"LiveKit.Rtc runs on linux-x64 only (glibc 2.28 or newer); this process is {runtimeIdentifier}.");

    public static RtcException RequestFailed(FfiRequest.MessageOneofCase kind, string? nativeReason) => new(
        nativeReason is null
            ? $"The LiveKit core rejected the {kind} request (no reason was logged; see the LiveKit.Rtc.Native log)."
            : $"The LiveKit core rejected the {kind} request: {nativeReason}");

    public static RtcException UnexpectedResponse(FfiRequest.MessageOneofCase kind, string actual) => new(
        $"The LiveKit core answered the {kind} request with {actual}.");

    public static RtcException OperationFailed(string operation, string error) => new($"{operation} failed: {error}");

    public static RoomConnectException ConnectFailed(string url, string reason, IReadOnlyList<string> diagnostics)
        => RoomConnectException.FromCoreError(url, reason, diagnostics);

    public static InvalidOperationException NotConnected() => new("The room is not connected; call ConnectAsync first.");

    public static InvalidOperationException AlreadyConnected() => new("ConnectAsync was already called on this Room; create a new Room to connect again.");

    public static InvalidOperationException ConcurrentCapture() => new(
        "CaptureFrameAsync was called while a previous capture on this AudioSource was still running; await each call before the next.");

    [DoesNotReturn]
    public static void ThrowObjectDisposed(object instance) => throw new ObjectDisposedException(instance.GetType().FullName);
}
