namespace LiveKit.Rtc;

/// <summary>LiveKit's Rust core (liblivekit_ffi.so) is missing or cannot be loaded; the message names the fix.</summary>
public sealed class NativeLibraryException : RtcException
{
    public NativeLibraryException()
    {
    }

    public NativeLibraryException(string message)
        : base(message)
    {
    }

    public NativeLibraryException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
