namespace WarmTransfer.TransferAgent.SpeechToText;

public enum TranscriptEventKind
{
    /// <summary>The VAD confirmed speech; no text yet (useful for "speaking..." indicators).</summary>
    SpeechStarted,

    /// <summary>A segment's final text.</summary>
    FinalTranscript,

    /// <summary>Every provider failed on a segment; the stream carries on with the next one.</summary>
    RecognitionFailed,
}
