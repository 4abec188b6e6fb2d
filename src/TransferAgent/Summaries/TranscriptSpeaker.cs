namespace WarmTransfer.TransferAgent.Summaries;

/// <summary>Who said a transcript line, as labelled for the summary.</summary>
public enum TranscriptSpeaker
{
    Caller,

    /// <summary>The agent handing the call over (Agent A).</summary>
    Agent,

    Other,
}
