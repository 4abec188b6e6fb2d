namespace WarmTransfer.ControlApi.Transfers;

/// <summary>Outcome of a transfer command: the transfer as it now is, or an error with a message meant for the client.</summary>
internal sealed record TransferResult
{
    public Transfer? Transfer { get; init; }

    public TransferError Error { get; init; }

    public string? Message { get; init; }

    /// <summary>For accept: how Agent B joins the call room.</summary>
    public RoomAdmission? Admission { get; init; }

    public bool Succeeded => Error == TransferError.None;

    public static TransferResult Ok(Transfer transfer, RoomAdmission? admission = null) => new() { Transfer = transfer, Admission = admission };

    public static TransferResult Fail(TransferError error, string message, Transfer? transfer = null) =>
        new() { Error = error, Message = message, Transfer = transfer };
}
