using WarmTransfer.TransferAgent.Resilience;

namespace WarmTransfer.TransferAgent.SpeechToText;

/// <summary>An event of a <see cref="SpeechToTextStreamAdapter"/>, with stream-relative times.</summary>
public sealed record TranscriptEvent
{
    public required TranscriptEventKind Kind { get; init; }

    /// <summary>Stable id of the segment (<c>{stream}-{n}</c>), e.g. for LiveKit's <c>lk.segment_id</c>.</summary>
    public required string SegmentId { get; init; }

    public required TimeSpan Start { get; init; }

    public TimeSpan End { get; init; }

    /// <summary>The recognised text (final transcripts only). Content: log it only at Trace.</summary>
    public string Text { get; init; } = "";

    /// <summary>Which provider transcribed it, and which failed first.</summary>
    public EngineProvenance? Provenance { get; init; }

    /// <summary>For <see cref="TranscriptEventKind.RecognitionFailed"/>: why.</summary>
    public EngineException? Error { get; init; }
}
