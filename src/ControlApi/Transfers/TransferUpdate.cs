using WarmTransfer.ControlApi.Events;

namespace WarmTransfer.ControlApi.Transfers;

/// <summary>
/// A state change to persist atomically: the new state (only if the stored version is still
/// <see cref="ExpectedVersion"/>), the transition row, the transfer's armed deadlines (replaced by
/// <see cref="Deadlines"/>), and the agents' events announcing it (an outbox: they exist exactly when the change does).
/// </summary>
internal sealed record TransferUpdate(
    string TransferId,
    long ExpectedVersion,
    TransferTransition Transition,
    IReadOnlyCollection<TransferDeadline> Deadlines,
    IReadOnlyCollection<AgentEvent> Events);
