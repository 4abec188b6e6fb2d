using WarmTransfer.TransferAgent.Resilience;

namespace WarmTransfer.TransferAgent.Summaries;

/// <summary>A briefing for Agent B. Content: log only at Trace.</summary>
/// <param name="Text">For display (posted to the handoff room and the control API).</param>
/// <param name="SpeakableText">The same, prepared for speech synthesis (digits read one by one, money spelled out).</param>
/// <param name="EstimatedDuration">Estimated speaking time of <paramref name="SpeakableText"/>.</param>
/// <param name="Provenance">Which summary provider served, and which failed first.</param>
public sealed record TransferSummary(string Text, string SpeakableText, TimeSpan EstimatedDuration, EngineProvenance? Provenance);
