namespace WarmTransfer.TransferAgent.ControlPlane;

/// <summary>Body of <c>POST /api/worker/transfers/{id}/summary</c>: the briefing text and which provider/model produced it. Content: log only at Trace.</summary>
public sealed record SummaryPost(string Text, string? Provider = null, string? Model = null);
