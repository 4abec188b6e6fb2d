namespace WarmTransfer.ControlApi.Transcripts;

/// <summary>
/// A transcript segment as the API and the <c>transcript.line</c> event show it. <see cref="SpeakerRole"/> is
/// <c>caller</c>, <c>agent</c>, <c>bot</c> or <c>unknown</c>.
/// </summary>
internal sealed record TranscriptLine(string Room, string SegmentId, string Speaker, string SpeakerRole, string Text, bool Final, long? StartMs, long? EndMs, DateTimeOffset At);
