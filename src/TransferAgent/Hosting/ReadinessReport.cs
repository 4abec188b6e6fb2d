namespace WarmTransfer.TransferAgent.Hosting;

/// <summary>Body of <c>/ready</c>.</summary>
public sealed record ReadinessReport(string Status, string? WorkerId);
