namespace WarmTransfer.ControlApi.Worker;

/// <summary>
/// One segment as the worker posts it. <see cref="Id"/> is unique per room (the <c>lk.segment_id</c>); an interim
/// segment (<see cref="Final"/> false) is shown live but only final ones are kept.
/// </summary>
internal sealed record TranscriptSegmentInput(string? Id, string? Speaker, string? Text, bool Final = true, long? StartMs = null, long? EndMs = null);
