namespace WarmTransfer.ControlApi.Transfers;

/// <summary>History filter; every part is optional. <see cref="Agent"/> matches either side of the transfer.</summary>
internal sealed record TransferQuery(
    string? Room = null,
    string? Agent = null,
    TransferState? State = null,
    DateTimeOffset? CreatedFrom = null,
    DateTimeOffset? CreatedTo = null,
    int Limit = 50,
    DateTimeOffset? Before = null);
