using System.Text.Json;
using System.Text.Json.Nodes;
using Google.Protobuf;

namespace LiveKit.Api.Tests.Support;

/// <summary>
/// The official generated code of @livekit/protocol, driven through Node/wire.mjs: encodes protobuf JSON
/// to binary and decodes binary to protobuf JSON. One Node process per batch.
/// </summary>
internal static class OfficialProtocol
{
    /// <summary>Encodes each (type, JSON) with the official code; returns the binary per request.</summary>
    public static async Task<IReadOnlyList<byte[]>> EncodeAsync(IEnumerable<(string Type, JsonNode Json)> requests)
    {
        var array = new JsonArray(requests.Select(r => (JsonNode)new JsonObject { ["type"] = r.Type, ["json"] = r.Json.DeepClone() }).ToArray());
        var results = await RunAsync(array);
        return results.Select(r => Convert.FromBase64String(r["base64"]!.GetValue<string>())).ToList();
    }

    /// <summary>Decodes each (type, binary) with the official code; returns its protobuf JSON per request.</summary>
    public static async Task<IReadOnlyList<JsonNode>> DecodeAsync(IEnumerable<(string Type, byte[] Bytes)> requests)
    {
        var array = new JsonArray(requests.Select(r => (JsonNode)new JsonObject { ["type"] = r.Type, ["base64"] = Convert.ToBase64String(r.Bytes) }).ToArray());
        var results = await RunAsync(array);
        return results.Select(r => r["json"]!).ToList();
    }

    /// <summary>Our protobuf JSON of a message, as a node tree (the same canonical form the official code prints).</summary>
    public static JsonNode OurJson(IMessage message) =>
        JsonNode.Parse(JsonFormatter.Default.Format(message)) ?? new JsonObject();

    public static string TypeName(IMessage message) => message.Descriptor.FullName;

    private static async Task<List<JsonObject>> RunAsync(JsonArray requests)
    {
        var output = await NodeScript.RunAsync("wire.mjs", requests.ToJsonString());
        var results = JsonNode.Parse(output)!.AsArray().Select(n => n!.AsObject()).ToList();
        var errors = results.Select((r, i) => r["error"] is { } e ? $"#{i} {requests[i]!["type"]}: {e}" : null).OfType<string>().ToList();
        return errors.Count == 0 ? results : throw new InvalidOperationException("official code refused: " + string.Join("; ", errors));
    }
}
