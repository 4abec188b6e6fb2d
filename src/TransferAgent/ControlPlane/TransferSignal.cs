using System.Text.Json;

namespace WarmTransfer.TransferAgent.ControlPlane;

/// <summary>
/// The <c>wt.transfer</c> data packet the control API sends (through LiveKit's RoomService) into the call room and
/// the handoff room on every transfer state change: <c>{"transferId","state","handoffRoom","reason"}</c>.
/// </summary>
public sealed record TransferSignal(string TransferId, string State, string? HandoffRoom, string? Reason)
{
    public const string Topic = "wt.transfer";

    /// <summary>Largest payload accepted; the control API's packets are a few hundred bytes.</summary>
    public const int MaxPayloadBytes = 4096;

    /// <summary>Parses a packet payload; false for anything that is not a well-formed signal (never throws).</summary>
    public static bool TryParse(ReadOnlySpan<byte> payload, out TransferSignal? signal)
    {
        signal = null;
        if (payload.IsEmpty || payload.Length > MaxPayloadBytes)
        {
            return false;
        }

        try
        {
            var reader = new Utf8JsonReader(payload);
            using var document = JsonDocument.ParseValue(ref reader);
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object
                || Text(root, "transferId") is not { Length: > 0 } transferId
                || Text(root, "state") is not { Length: > 0 } state)
            {
                return false;
            }

            signal = new TransferSignal(transferId, state, Text(root, "handoffRoom"), Text(root, "reason"));
            return true;
        }
        catch (JsonException)
        {
            return false;
        }
    }

    private static string? Text(JsonElement root, string name) =>
        root.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;
}
