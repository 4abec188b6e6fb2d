namespace LiveKit.DevServer.Transport;

/// <summary>A remote description that cannot be applied; the message says what is wrong, for the client.</summary>
internal sealed class SdpNegotiationException : Exception
{
    public SdpNegotiationException()
    {
    }

    public SdpNegotiationException(string message)
        : base(message)
    {
    }

    public SdpNegotiationException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
