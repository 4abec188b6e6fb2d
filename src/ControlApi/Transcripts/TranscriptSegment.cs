namespace WarmTransfer.ControlApi.Transcripts;

/// <summary>
/// One speaker-labelled piece of a call's transcript, as the worker posts it. A segment id is unique within a room;
/// posting the same id again replaces the text (interim results become final).
/// </summary>
internal sealed record TranscriptSegment(
    string Room,
    string SegmentId,
    string Speaker,
    string Text,
    bool Final,
    long? StartMs,
    long? EndMs,
    DateTimeOffset ReceivedAt);
