namespace WarmTransfer.ControlApi.LiveKit;

/// <summary>A LiveKit server call failed (unreachable, refused, or an unexpected Twirp error). The message says which call.</summary>
internal sealed class LiveKitUnavailableException : Exception
{
    public LiveKitUnavailableException()
    {
    }

    public LiveKitUnavailableException(string message)
        : base(message)
    {
    }

    public LiveKitUnavailableException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
