namespace WarmTransfer.TransferAgent.ControlPlane;

/// <summary>
/// The worker's side of the control API (<c>/api/worker/*</c>, bearer <c>WORKER_API_KEY</c>). Every method retries
/// transient failures and throws <see cref="ControlApiException"/> when the API refuses or stays unreachable.
/// Thread-safe.
/// </summary>
public interface IControlPlaneClient
{
    /// <summary>Adds transcript segments of <paramref name="room"/> (at most 200 per call); they are pushed to the call's agents.</summary>
    Task PostTranscriptAsync(string room, IReadOnlyList<TranscriptSegment> segments, CancellationToken cancellationToken = default);

    /// <summary>What the control API knows about <paramref name="room"/>; null when the room is unknown (404).</summary>
    Task<RoomInfo?> GetRoomAsync(string room, CancellationToken cancellationToken = default);

    /// <summary>The transfer's context for the briefing (notes, transcript, agents).</summary>
    Task<TransferBriefingContext> GetTransferContextAsync(string transferId, CancellationToken cancellationToken = default);

    /// <summary>Stores the briefing text on the transfer and pushes it to both agents.</summary>
    Task PostSummaryAsync(string transferId, SummaryPost summary, CancellationToken cancellationToken = default);

    /// <summary>Records a briefing event (<see cref="WorkerEventTypes"/>) on the transfer.</summary>
    Task PostEventAsync(string transferId, WorkerEvent workerEvent, CancellationToken cancellationToken = default);
}
