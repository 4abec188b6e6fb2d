using System.Diagnostics.CodeAnalysis;
using System.Text.Json;

namespace WarmTransfer.TransferAgent.Worker;

/// <summary>
/// Dispatch metadata as the control API writes it (docs/development.md, Seams: Dispatch): a JSON object whose string
/// member <c>kind</c> names the job, e.g. <c>{"kind":"call","callRoom":"R"}</c>.
/// </summary>
public static class JobMetadata
{
    /// <summary>Longest metadata accepted (LiveKit caps dispatch metadata well below this).</summary>
    public const int MaxLength = 64 * 1024;

    /// <summary>Parses <paramref name="metadata"/>; on failure <paramref name="error"/> says what is wrong, without echoing the content.</summary>
    public static bool TryParse(
        string? metadata,
        [NotNullWhen(true)] out string? kind,
        out JsonElement root,
        [NotNullWhen(false)] out string? error)
    {
        kind = null;
        root = default;
        if (string.IsNullOrWhiteSpace(metadata))
        {
            error = "the job has no metadata; expected a JSON object such as {\"kind\":\"call\",\"callRoom\":\"…\"}";
            return false;
        }

        if (metadata.Length > MaxLength)
        {
            error = $"the job metadata is {metadata.Length} characters long; at most {MaxLength} are accepted";
            return false;
        }

        try
        {
            root = JsonSerializer.Deserialize<JsonElement>(metadata);
        }
        catch (JsonException e)
        {
            error = $"the job metadata is not valid JSON (line {e.LineNumber + 1}, position {e.BytePositionInLine + 1})";
            return false;
        }

        if (root.ValueKind != JsonValueKind.Object)
        {
            error = $"the job metadata is a JSON {root.ValueKind.ToString().ToLowerInvariant()}; expected an object with a \"kind\" member";
            return false;
        }

        if (!root.TryGetProperty("kind", out var kindElement) || kindElement.ValueKind != JsonValueKind.String || kindElement.GetString() is not { Length: > 0 } value)
        {
            error = "the job metadata has no string \"kind\" member (expected \"call\" or \"handoff\")";
            return false;
        }

        kind = value;
        error = null;
        return true;
    }
}
