using System.Text.Json;
using System.Text.Json.Serialization;

namespace WarmTransfer.TransferAgent.ControlPlane;

/// <summary>The control API's JSON: web defaults (camelCase, case-insensitive reads) with enums as strings.</summary>
internal static class ControlPlaneJson
{
    public static JsonSerializerOptions Options { get; } = new(JsonSerializerDefaults.Web)
    {
        Converters = { new JsonStringEnumConverter() },
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    };
}
