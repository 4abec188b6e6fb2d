using LiveKit.Rtc.Internal.Ffi;
using Microsoft.Extensions.Logging;

namespace LiveKit.Rtc;

/// <summary>
/// Process-wide settings and diagnostics of LiveKit's Rust core, which is loaded once per process on first use.
/// </summary>
public static class RtcRuntime
{
    /// <summary>
    /// Where LiveKit.Rtc and the Rust core log (categories <c>LiveKit.Rtc.*</c> and <c>LiveKit.Rtc.Native.&lt;target&gt;</c>).
    /// May be set at any time; defaults to no logging.
    /// </summary>
    public static ILoggerFactory LoggerFactory
    {
        get => FfiClient.Logs.LoggerFactory;
        set => FfiClient.Logs.LoggerFactory = value;
    }

    /// <summary>
    /// The lowest level of the Rust core's own log records that is forwarded (default Information; the core
    /// sends every level, and Debug/Trace are voluminous). <see cref="LogLevel.None"/> forwards nothing.
    /// </summary>
    public static LogLevel NativeLogLevel
    {
        get => FfiClient.Logs.MinimumLevel;
        set => FfiClient.Logs.MinimumLevel = value;
    }

    /// <summary>Native handles currently owned by this process (rooms, participants, tracks, sources, streams...).</summary>
    /// <remarks>Zero once every Room, AudioSource, LocalAudioTrack, AudioStream and AudioResampler is disposed.</remarks>
    public static long LiveHandleCount => FfiHandle.LiveCount;

    /// <summary>
    /// Loads and initializes the Rust core now instead of on first use, so a missing library is reported at
    /// start-up. Throws <see cref="NativeLibraryException"/> naming the fix.
    /// </summary>
    public static void EnsureInitialized() => _ = FfiClient.Instance;
}
