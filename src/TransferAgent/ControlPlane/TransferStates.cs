namespace WarmTransfer.TransferAgent.ControlPlane;

/// <summary>
/// Transfer states as the control API names them on the wire (REST and the <c>wt.transfer</c> packet):
/// <c>Requested -> Briefing -> (Accepted -> Completed) | Declined | Cancelled | TimedOut | Abandoned | Failed</c>.
/// </summary>
public static class TransferStates
{
    public const string Requested = "Requested";
    public const string Briefing = "Briefing";
    public const string Accepted = "Accepted";
    public const string Completed = "Completed";
    public const string Declined = "Declined";
    public const string Cancelled = "Cancelled";
    public const string TimedOut = "TimedOut";
    public const string Abandoned = "Abandoned";
    public const string Failed = "Failed";

    /// <summary>True while the transfer is still being set up or briefed (hold audio plays, the briefing may speak).</summary>
    public static bool IsInProgress(string? state) =>
        string.Equals(state, Requested, StringComparison.OrdinalIgnoreCase) || string.Equals(state, Briefing, StringComparison.OrdinalIgnoreCase);
}
