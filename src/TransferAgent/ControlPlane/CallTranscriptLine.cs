namespace WarmTransfer.TransferAgent.ControlPlane;

/// <summary>
/// A stored transcript line of the call room, as the transfer context carries it. <see cref="SpeakerRole"/> is
/// <c>caller</c>, <c>agent</c>, <c>bot</c> or <c>unknown</c>. Content: log only at Trace.
/// </summary>
public sealed record CallTranscriptLine(
    string Room,
    string SegmentId,
    string Speaker,
    string SpeakerRole,
    string Text,
    bool Final,
    long? StartMs,
    long? EndMs,
    DateTimeOffset At);
