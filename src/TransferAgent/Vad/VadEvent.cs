namespace WarmTransfer.TransferAgent.Vad;

/// <summary>A change in voice activity, with stream-relative time (the first sample written is time zero).</summary>
public sealed record VadEvent(VadEventKind Kind, TimeSpan Timestamp, SpeechSegment? Segment)
{
    public static VadEvent Started(TimeSpan at) => new(VadEventKind.SpeechStarted, at, null);

    public static VadEvent Ended(SpeechSegment segment)
    {
        ArgumentNullException.ThrowIfNull(segment);
        return new(VadEventKind.SpeechEnded, segment.End, segment);
    }
}
