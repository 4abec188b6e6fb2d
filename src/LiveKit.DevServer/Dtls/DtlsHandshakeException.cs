namespace LiveKit.DevServer.Dtls;

/// <summary>A DTLS handshake did not complete; <see cref="Failure"/> says why.</summary>
internal sealed class DtlsHandshakeException : Exception
{
    public DtlsHandshakeException()
    {
    }

    public DtlsHandshakeException(string message)
        : base(message)
    {
    }

    public DtlsHandshakeException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    public DtlsHandshakeException(DtlsHandshakeFailure failure, string message, Exception? innerException = null)
        : base(message, innerException)
    {
        Failure = failure;
    }

    public DtlsHandshakeFailure Failure { get; } = DtlsHandshakeFailure.ProtocolError;
}
