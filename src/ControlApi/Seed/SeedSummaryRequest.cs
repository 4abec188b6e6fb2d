using System.Text.Json;

namespace WarmTransfer.ControlApi.Seed;

/// <summary>
/// Seed <c>POST /generate-summary</c> body: <c>{transcript}</c>, where the transcript is a string, an array of lines,
/// or an array of <c>{speaker, text}</c> objects.
/// </summary>
internal sealed record SeedSummaryRequest(JsonElement? Transcript, string? Notes = null);
