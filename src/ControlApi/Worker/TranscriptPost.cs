namespace WarmTransfer.ControlApi.Worker;

/// <summary>Body of <c>POST /api/worker/transcripts</c>: segments of one room's transcript.</summary>
internal sealed record TranscriptPost(string? Room, IReadOnlyList<TranscriptSegmentInput>? Segments);
