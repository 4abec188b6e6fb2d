namespace WarmTransfer.ControlApi.Transfers;

/// <summary>Payload of the <c>transfer.incoming</c> and <c>transfer.state</c> events: the transfer and the change that just happened.</summary>
internal sealed record TransferStateEvent(TransferView Transfer, TransitionView Transition);
