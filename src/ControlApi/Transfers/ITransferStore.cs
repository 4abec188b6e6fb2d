namespace WarmTransfer.ControlApi.Transfers;

/// <summary>
/// Durable record of transfers: state, transitions, armed deadlines and worker activity. Implementations must make
/// <see cref="TryUpdateAsync"/> atomic (state, transition row, deadlines and events together), must refuse a second
/// active transfer on one call room, and must give events ids that increase in commit order.
/// </summary>
internal interface ITransferStore
{
    /// <summary>Records a new transfer with its first transition, deadlines and announcing events, atomically.</summary>
    Task<TransferInsertOutcome> InsertAsync(Transfer transfer, TransferTransition created, IReadOnlyCollection<TransferDeadline> deadlines, IReadOnlyCollection<Events.AgentEvent> events, CancellationToken cancellationToken);

    Task<Transfer?> GetAsync(string id, CancellationToken cancellationToken);

    Task<Transfer?> FindActiveByCallRoomAsync(string callRoom, CancellationToken cancellationToken);

    Task<Transfer?> FindActiveByHandoffRoomAsync(string handoffRoom, CancellationToken cancellationToken);

    Task<IReadOnlyList<Transfer>> ListActiveAsync(CancellationToken cancellationToken);

    Task<IReadOnlyList<Transfer>> QueryAsync(TransferQuery query, CancellationToken cancellationToken);

    Task<IReadOnlyList<TransferTransition>> GetTransitionsAsync(string id, CancellationToken cancellationToken);

    /// <summary>Applies <paramref name="update"/> if the stored version matches; false when another writer got there first (or the transfer is gone).</summary>
    Task<bool> TryUpdateAsync(TransferUpdate update, CancellationToken cancellationToken);

    /// <summary>Stores the briefing summary; false if the transfer does not exist.</summary>
    Task<bool> SetSummaryAsync(string id, string summary, DateTimeOffset at, CancellationToken cancellationToken);

    /// <summary>Records Agent B's first appearance in the handoff room and disarms <see cref="DeadlineKind.AgentJoin"/>; false if already recorded.</summary>
    Task<bool> MarkAgentJoinedAsync(string id, DateTimeOffset at, CancellationToken cancellationToken);

    Task<TransferDeadline?> GetNextDeadlineAsync(CancellationToken cancellationToken);

    Task<IReadOnlyList<TransferDeadline>> GetDueDeadlinesAsync(DateTimeOffset now, int limit, CancellationToken cancellationToken);

    Task RemoveDeadlineAsync(string transferId, DeadlineKind kind, CancellationToken cancellationToken);

    Task AppendActivityAsync(string transferId, TransferActivity activity, CancellationToken cancellationToken);

    Task<IReadOnlyList<TransferActivity>> GetActivityAsync(string transferId, CancellationToken cancellationToken);
}
