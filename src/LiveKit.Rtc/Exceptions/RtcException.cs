namespace LiveKit.Rtc;

/// <summary>A failure reported by LiveKit's Rust core, or of the SDK around it. The message says what failed and why.</summary>
public class RtcException : Exception
{
    public RtcException()
    {
    }

    public RtcException(string message)
        : base(message)
    {
    }

    public RtcException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
