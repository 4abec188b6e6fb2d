namespace WarmTransfer.ControlApi.Transfers;

/// <summary>What moves a transfer from one state to the next; each command has exactly one target state.</summary>
internal enum TransferCommand
{
    BeginBriefing,
    Accept,
    Decline,
    Cancel,
    Complete,
    TimeOut,
    Abandon,
    Fail,
}
