namespace WarmTransfer.ControlApi.Transfers;

/// <summary>One state change as the API returns it.</summary>
internal sealed record TransitionView(TransferState? From, TransferState To, DateTimeOffset At, string Actor, string? Reason)
{
    public static TransitionView Of(TransferTransition transition) =>
        new(transition.From, transition.To, transition.At, transition.Actor, transition.Reason);
}
