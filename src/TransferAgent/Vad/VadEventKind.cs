namespace WarmTransfer.TransferAgent.Vad;

public enum VadEventKind
{
    /// <summary>Speech confirmed (it lasted the minimum duration); the timestamp is where it began.</summary>
    SpeechStarted,

    /// <summary>A segment is complete; <see cref="VadEvent.Segment"/> holds its padded audio.</summary>
    SpeechEnded,
}
