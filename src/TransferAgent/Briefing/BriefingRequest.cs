using System.Text.Json;

namespace WarmTransfer.TransferAgent.Briefing;

/// <summary>What Agent B's page asks of the briefing: a data packet on topic <c>wt.briefing</c>, e.g. <c>{"action":"repeat"}</c>.</summary>
public static class BriefingRequest
{
    public const string Topic = "wt.briefing";

    public const string RepeatAction = "repeat";

    /// <summary>True when <paramref name="payload"/> is <c>{"action":"repeat"}</c> (extra members ignored; never throws).</summary>
    public static bool IsRepeat(ReadOnlySpan<byte> payload)
    {
        if (payload.IsEmpty || payload.Length > 1024)
        {
            return false;
        }

        try
        {
            var reader = new Utf8JsonReader(payload);
            using var document = JsonDocument.ParseValue(ref reader);
            return document.RootElement.ValueKind == JsonValueKind.Object
                && document.RootElement.TryGetProperty("action", out var action)
                && action.ValueKind == JsonValueKind.String
                && string.Equals(action.GetString(), RepeatAction, StringComparison.OrdinalIgnoreCase);
        }
        catch (JsonException)
        {
            return false;
        }
    }
}
