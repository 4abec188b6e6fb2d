using WarmTransfer.TransferAgent.Summaries;

namespace WarmTransfer.TransferAgent.ControlPlane;

/// <summary>
/// A transfer's context for the briefing (<c>GET /api/worker/transfers/{id}/context</c>): who hands over to whom,
/// Agent A's notes and the call's transcript so far. <see cref="State"/> is the transfer state's wire name
/// (<see cref="TransferStates"/>). Content: log only at Trace.
/// </summary>
public sealed record TransferBriefingContext(
    string TransferId,
    string State,
    string CallRoom,
    string HandoffRoom,
    string FromAgent,
    string FromAgentName,
    string ToAgent,
    string ToAgentName,
    string? Caller,
    string? Notes,
    string? Summary,
    IReadOnlyList<CallTranscriptLine>? Transcript)
{
    /// <summary>The summariser's input: final lines in call order, labelled caller / Agent A / other.</summary>
    public TransferContext ToSummaryContext()
    {
        var lines = (Transcript ?? [])
            .Where(l => l.Final && !string.IsNullOrWhiteSpace(l.Text))
            .OrderBy(l => l.StartMs ?? long.MaxValue)
            .ThenBy(l => l.At)
            .Select(l => new TranscriptLine(SpeakerOf(l), l.Text, l.StartMs is { } ms ? TimeSpan.FromMilliseconds(ms) : null))
            .ToList();
        return new TransferContext
        {
            TransferId = TransferId,
            Transcript = lines,
            Notes = Notes,
            FromAgent = FromAgentName,
            ToAgent = ToAgentName,
        };
    }

    private TranscriptSpeaker SpeakerOf(CallTranscriptLine line) =>
        line.SpeakerRole.Equals("caller", StringComparison.OrdinalIgnoreCase) ? TranscriptSpeaker.Caller
        : line.Speaker == FromAgent || line.SpeakerRole.Equals("agent", StringComparison.OrdinalIgnoreCase) ? TranscriptSpeaker.Agent
        : TranscriptSpeaker.Other;
}
