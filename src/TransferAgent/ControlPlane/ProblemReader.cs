using System.Text.Json;

namespace WarmTransfer.TransferAgent.ControlPlane;

/// <summary>Reads an RFC 9457 problem-details body (title, detail, validation errors, traceId); tolerates any other body.</summary>
internal static class ProblemReader
{
    private const int MaxBodyBytes = 64 * 1024;

    public static async Task<(string? Title, string? Detail, IReadOnlyDictionary<string, string[]> Errors, string? TraceId)> ReadAsync(
        HttpResponseMessage response, CancellationToken cancellationToken)
    {
        var errors = new Dictionary<string, string[]>(StringComparer.Ordinal);
        byte[] body;
        try
        {
            body = await response.Content.ReadAsByteArrayAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (HttpRequestException)
        {
            return (null, null, errors, null);
        }

        if (body.Length == 0 || body.Length > MaxBodyBytes)
        {
            return (null, null, errors, null);
        }

        try
        {
            using var document = JsonDocument.Parse(body);
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
            {
                return (null, null, errors, null);
            }

            if (root.TryGetProperty("errors", out var fields) && fields.ValueKind == JsonValueKind.Object)
            {
                foreach (var field in fields.EnumerateObject())
                {
                    errors[field.Name] = field.Value.ValueKind == JsonValueKind.Array
                        ? [.. field.Value.EnumerateArray().Select(v => v.ToString())]
                        : [field.Value.ToString()];
                }
            }

            return (Text(root, "title"), Text(root, "detail"), errors, Text(root, "traceId"));
        }
        catch (JsonException)
        {
            return (null, null, errors, null);
        }
    }

    private static string? Text(JsonElement root, string name) =>
        root.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;
}
