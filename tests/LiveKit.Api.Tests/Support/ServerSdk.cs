using System.Text.Json;
using System.Text.Json.Nodes;

namespace LiveKit.Api.Tests.Support;

/// <summary>LiveKit's official Node server SDK (livekit-server-sdk), driven through Node/server-sdk.mjs.</summary>
internal static class ServerSdk
{
    public static async Task<JsonObject> RunAsync(string command, object request)
    {
        var output = await NodeScript.RunAsync("server-sdk.mjs", JsonSerializer.Serialize(request), command);
        return JsonNode.Parse(output)!.AsObject();
    }
}
