using System.Text.Json;

namespace WarmTransfer.ControlApi.Rooms;

/// <summary>The LiveKit room metadata the control API sets: <c>{"wt.kind":"call"}</c> or <c>{"wt.kind":"handoff","wt.transferId":…}</c>.</summary>
internal static class RoomMetadata
{
    public static string Call() => JsonSerializer.Serialize(new Dictionary<string, string> { ["wt.kind"] = "call" });

    public static string Handoff(string transferId) =>
        JsonSerializer.Serialize(new Dictionary<string, string> { ["wt.kind"] = "handoff", ["wt.transferId"] = transferId });
}
