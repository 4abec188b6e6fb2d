namespace WarmTransfer.TransferAgent.Summaries;

/// <summary>One speaker-labelled transcript line. Content: log only at Trace.</summary>
/// <param name="Speaker">Caller, the transferring agent, or someone else.</param>
/// <param name="Text">What was said.</param>
/// <param name="At">Call time of the line, when known.</param>
public sealed record TranscriptLine(TranscriptSpeaker Speaker, string Text, TimeSpan? At = null);
