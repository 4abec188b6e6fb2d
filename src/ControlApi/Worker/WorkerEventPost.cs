namespace WarmTransfer.ControlApi.Worker;

/// <summary>Body of <c>POST /api/worker/transfers/{id}/events</c>: one of <see cref="WorkerEventTypes.All"/>, with optional detail text.</summary>
internal sealed record WorkerEventPost(string? Type, string? Detail = null);
