namespace WarmTransfer.TransferAgent.ControlPlane;

/// <summary>
/// One transcript segment as the worker posts it to <c>POST /api/worker/transcripts</c>. <see cref="Id"/> is unique
/// per room (the <c>lk.segment_id</c>); an interim segment (<see cref="Final"/> false) is shown live, only final ones
/// are kept. <see cref="Speaker"/> is the speaker's participant identity. Content: log only at Trace.
/// </summary>
public sealed record TranscriptSegment(string Id, string Speaker, string Text, bool Final = true, long? StartMs = null, long? EndMs = null);
