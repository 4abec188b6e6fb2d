using System.Text;
using System.Text.Json;

namespace WarmTransfer.ControlApi.Seed;

/// <summary>Reads the seed's <c>transcript</c> field: a string, an array of lines, or an array of <c>{speaker, text}</c>.</summary>
internal static class SeedTranscript
{
    public const int MaxLength = 200_000;

    /// <summary>The transcript as "speaker: text" lines; null with <paramref name="error"/> when the shape is wrong.</summary>
    public static string? Read(JsonElement element, out string? error)
    {
        error = null;
        switch (element.ValueKind)
        {
            case JsonValueKind.String:
                return element.GetString();
            case JsonValueKind.Array:
                var builder = new StringBuilder();
                foreach (var item in element.EnumerateArray())
                {
                    if (item.ValueKind == JsonValueKind.String)
                    {
                        builder.AppendLine(item.GetString());
                    }
                    else if (item.ValueKind == JsonValueKind.Object
                        && item.TryGetProperty("text", out var text) && text.ValueKind == JsonValueKind.String)
                    {
                        var speaker = item.TryGetProperty("speaker", out var s) && s.ValueKind == JsonValueKind.String ? s.GetString() : null;
                        builder.AppendLine(string.IsNullOrEmpty(speaker) ? text.GetString() : $"{speaker}: {text.GetString()}");
                    }
                    else
                    {
                        error = "each 'transcript' entry must be a string or an object with a string 'text' (and optional 'speaker')";
                        return null;
                    }
                }

                return builder.ToString();
            case JsonValueKind.Null or JsonValueKind.Undefined:
                return string.Empty;
            default:
                error = "'transcript' must be a string, an array of lines, or an array of {speaker, text}";
                return null;
        }
    }
}
