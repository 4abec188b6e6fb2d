namespace LiveKit.DevServer.Rooms;

/// <summary>
/// A server-initiated RPC (RoomService.PerformRpc) failed. <see cref="Code"/> follows LiveKit's data
/// channel RPC codes (protocol utils/data_channel_rpc.go): 1400-1499 request errors, 1500-1599 delivery
/// and application errors.
/// </summary>
internal sealed class RpcCallException : Exception
{
    public const int ApplicationError = 1500;
    public const int ConnectionTimeout = 1501;
    public const int ResponseTimeout = 1502;
    public const int RecipientDisconnected = 1503;
    public const int RequestPayloadTooLarge = 1402;
    public const int RecipientNotFound = 1401;

    public RpcCallException(int code, string message, string data = "")
        : base(message)
    {
        Code = code;
        ErrorData = data;
    }

    public RpcCallException()
        : this(ApplicationError, "RPC failed")
    {
    }

    public RpcCallException(string message)
        : this(ApplicationError, message)
    {
    }

    public RpcCallException(string message, Exception innerException)
        : base(message, innerException)
    {
        Code = ApplicationError;
        ErrorData = string.Empty;
    }

    public int Code { get; }

    /// <summary>Extra data the responder attached.</summary>
    public string ErrorData { get; }
}
