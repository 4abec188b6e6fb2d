using System.Text.Json;

namespace WarmTransfer.ControlApi.Seed;

/// <summary>
/// Seed <c>POST /transfer</c> body: <c>{fromRoom, agentA, agentB, transcript?}</c>. Without a transcript, the
/// call's stored transcript is summarised.
/// </summary>
internal sealed record SeedTransferRequest(string? FromRoom, string? AgentA, string? AgentB, JsonElement? Transcript = null, string? Notes = null);
