namespace WarmTransfer.ControlApi.Seed;

/// <summary>
/// Turns a call transcript (and Agent A's notes) into a short briefing for Agent B. The control API's default is
/// <see cref="ExtractiveSummaryGenerator"/>; the worker's LLM summariser can be registered in its place.
/// </summary>
internal interface ISummaryGenerator
{
    Task<string> SummarizeAsync(string transcript, string? notes, CancellationToken cancellationToken);
}
