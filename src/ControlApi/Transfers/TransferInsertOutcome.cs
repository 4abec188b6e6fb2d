namespace WarmTransfer.ControlApi.Transfers;

/// <summary>Result of recording a new transfer: stored, or refused because the call room already has an active one.</summary>
internal sealed record TransferInsertOutcome(bool Inserted, string? ActiveTransferId)
{
    public static TransferInsertOutcome Stored { get; } = new(true, null);

    public static TransferInsertOutcome Conflict(string activeTransferId) => new(false, activeTransferId);
}
