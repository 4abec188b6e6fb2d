using WarmTransfer.ControlApi.Transcripts;
using WarmTransfer.ControlApi.Transfers;

namespace WarmTransfer.ControlApi.Worker;

/// <summary>What the bot needs to brief Agent B: the transfer, Agent A's notes, and the call's transcript so far.</summary>
internal sealed record TransferContext(
    string TransferId,
    TransferState State,
    string CallRoom,
    string HandoffRoom,
    string FromAgent,
    string FromAgentName,
    string ToAgent,
    string ToAgentName,
    string? Caller,
    string? Notes,
    string? Summary,
    IReadOnlyList<TranscriptLine> Transcript);
