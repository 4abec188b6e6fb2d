namespace WarmTransfer.TransferAgent.ControlPlane;

/// <summary>Body of <c>POST /api/worker/transfers/{id}/events</c>: a <see cref="WorkerEventTypes"/> value and an optional detail (at most 2000 characters, no content).</summary>
public sealed record WorkerEvent(string Type, string? Detail = null);
