namespace WarmTransfer.ControlApi.Transfers;

/// <summary>
/// The transfer state machine: <c>Requested -> Briefing -> (Accepted -> Completed) | Declined | Cancelled | TimedOut |
/// Abandoned | Failed</c>. Pure functions; persistence and side effects live in <see cref="TransferService"/>.
/// </summary>
internal static class TransferStateMachine
{
    public static bool IsActive(TransferState state) =>
        state is TransferState.Requested or TransferState.Briefing or TransferState.Accepted;

    public static TransferState TargetOf(TransferCommand command) => command switch
    {
        TransferCommand.BeginBriefing => TransferState.Briefing,
        TransferCommand.Accept => TransferState.Accepted,
        TransferCommand.Decline => TransferState.Declined,
        TransferCommand.Cancel => TransferState.Cancelled,
        TransferCommand.Complete => TransferState.Completed,
        TransferCommand.TimeOut => TransferState.TimedOut,
        TransferCommand.Abandon => TransferState.Abandoned,
        TransferCommand.Fail => TransferState.Failed,
        _ => throw new ArgumentOutOfRangeException(nameof(command), command, "unknown transfer command"),
    };

    /// <summary>Whether <paramref name="command"/> may be applied to a transfer in state <paramref name="from"/>.</summary>
    public static bool CanApply(TransferState from, TransferCommand command) => (from, command) switch
    {
        (TransferState.Requested, TransferCommand.BeginBriefing) => true,
        (TransferState.Requested or TransferState.Briefing, TransferCommand.Cancel or TransferCommand.TimeOut) => true,
        (TransferState.Briefing, TransferCommand.Accept or TransferCommand.Decline) => true,
        (TransferState.Accepted, TransferCommand.Complete) => true,
        (TransferState.Requested or TransferState.Briefing or TransferState.Accepted, TransferCommand.Abandon or TransferCommand.Fail) => true,
        _ => false,
    };

    /// <summary>The 409 message for a command that does not apply; says what state the transfer is in and what still can.</summary>
    public static string DescribeRefusal(string transferId, TransferState from, TransferCommand command)
    {
        var verb = command switch
        {
            TransferCommand.BeginBriefing => "start briefing",
            TransferCommand.Accept => "accept",
            TransferCommand.Decline => "decline",
            TransferCommand.Cancel => "cancel",
            TransferCommand.Complete => "complete",
            TransferCommand.TimeOut => "time out",
            TransferCommand.Abandon => "abandon",
            TransferCommand.Fail => "fail",
            _ => command.ToString(),
        };
        var allowed = AllowedFrom(from);
        var next = allowed.Count == 0 ? "it has ended and accepts no further commands" : $"it can only be: {string.Join(", ", allowed)}";
        return $"Cannot {verb} transfer {transferId}: it is {from}; {next}.";
    }

    private static List<string> AllowedFrom(TransferState from)
    {
        (TransferCommand Command, string Word)[] byPeople =
        [
            (TransferCommand.Accept, "accepted"),
            (TransferCommand.Decline, "declined"),
            (TransferCommand.Cancel, "cancelled"),
            (TransferCommand.Complete, "completed"),
        ];
        return [.. byPeople.Where(c => CanApply(from, c.Command)).Select(c => c.Word)];
    }
}
