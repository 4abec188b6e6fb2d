namespace WarmTransfer.ControlApi.Transfers;

/// <summary>
/// Body of <c>POST /api/transfers</c>. <see cref="FromAgent"/> defaults to the caller of the API (only admins may name
/// someone else); <see cref="Notes"/> are Agent A's words for the briefing.
/// </summary>
internal sealed record StartTransferRequest(string? CallRoom, string? ToAgent, string? FromAgent = null, string? Notes = null);
