using System.Text.Json;

namespace WarmTransfer.ControlApi.Tests.TestSupport;

/// <summary>One server-sent event.</summary>
public sealed record SseEvent(string? Id, string Type, JsonElement Data);
