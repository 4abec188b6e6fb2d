namespace WarmTransfer.ControlApi.Worker;

/// <summary>Body of <c>POST /api/worker/transfers/{id}/summary</c>: the briefing text and what produced it.</summary>
internal sealed record SummaryPost(string? Text, string? Provider = null, string? Model = null);
