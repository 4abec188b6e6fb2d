using System.Diagnostics.CodeAnalysis;
using System.Text.Json;

namespace WarmTransfer.TransferAgent.Briefing;

/// <summary>
/// A handoff-room job as dispatched by the control API: metadata <c>{"kind":"handoff","transferId":…,"callRoom":…,"handoffRoom":…}</c>.
/// </summary>
public sealed record HandoffJobRequest(string TransferId, string CallRoom, string HandoffRoom)
{
    public const string Kind = "handoff";

    /// <summary>Reads the request from parsed dispatch metadata; <paramref name="error"/> names the missing member (never echoes content).</summary>
    public static bool TryParse(JsonElement metadata, [NotNullWhen(true)] out HandoffJobRequest? request, [NotNullWhen(false)] out string? error)
    {
        request = null;
        if (metadata.ValueKind != JsonValueKind.Object)
        {
            error = "the handoff job metadata is not a JSON object";
            return false;
        }

        string? transferId = Text(metadata, "transferId");
        string? callRoom = Text(metadata, "callRoom");
        string? handoffRoom = Text(metadata, "handoffRoom");
        var missing = new[] { ("transferId", transferId), ("callRoom", callRoom), ("handoffRoom", handoffRoom) }
            .Where(m => string.IsNullOrWhiteSpace(m.Item2)).Select(m => m.Item1).ToList();
        if (missing.Count > 0)
        {
            error = $"the handoff job metadata lacks string member(s) {string.Join(", ", missing)}";
            return false;
        }

        request = new HandoffJobRequest(transferId!, callRoom!, handoffRoom!);
        error = null;
        return true;
    }

    private static string? Text(JsonElement root, string name) =>
        root.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;
}
