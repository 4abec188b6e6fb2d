namespace WarmTransfer.ControlApi.Transcripts;

/// <summary>Where call transcripts live: the database (<see cref="TranscriptRetention.KeepWithTransfer"/>) or memory (<see cref="TranscriptRetention.Off"/>).</summary>
internal interface ITranscriptStore
{
    /// <summary>Adds or replaces segments (by room and segment id); arrival order is kept.</summary>
    Task UpsertAsync(IReadOnlyList<TranscriptSegment> segments, CancellationToken cancellationToken);

    Task<IReadOnlyList<TranscriptSegment>> GetAsync(string room, CancellationToken cancellationToken);

    /// <summary>Forgets a room's transcript unless a transfer record keeps it.</summary>
    Task ForgetUnlessTransferredAsync(string room, CancellationToken cancellationToken);
}
