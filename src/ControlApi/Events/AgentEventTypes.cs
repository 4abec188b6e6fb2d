namespace WarmTransfer.ControlApi.Events;

/// <summary>The SSE <c>event:</c> names an agent console receives.</summary>
internal static class AgentEventTypes
{
    /// <summary>To Agent B: a transfer to you was requested (payload: the transfer).</summary>
    public const string TransferIncoming = "transfer.incoming";

    /// <summary>To both agents: a transfer changed state (payload: the transfer, with the actor and reason).</summary>
    public const string TransferState = "transfer.state";

    /// <summary>To both agents: the briefing summary text is ready (payload: <c>{transferId, summary}</c>).</summary>
    public const string TransferSummary = "transfer.summary";

    /// <summary>To both agents: worker activity such as briefing started or spoken (payload: <c>{transferId, type, detail}</c>).</summary>
    public const string TransferActivity = "transfer.activity";

    /// <summary>To the call's agents: a transcript line (payload: <c>{room, segmentId, speaker, speakerRole, text, final}</c>).</summary>
    public const string TranscriptLine = "transcript.line";

    /// <summary>To every agent: a caller started a call nobody has answered yet (payload: <c>{room, callerName, agent, at}</c>; live-only).</summary>
    public const string CallIncoming = "call.incoming";

    /// <summary>To every agent: an agent took a waiting call (payload: <c>{room, callerName, agent, at}</c>; live-only).</summary>
    public const string CallAnswered = "call.answered";

    /// <summary>First message of every stream, after the replay: the stream is live (no id, not persisted).</summary>
    public const string Ready = "ready";

    /// <summary>Sent when the stream has been idle for a while, so proxies keep it open (no id, not persisted).</summary>
    public const string Heartbeat = "heartbeat";
}
