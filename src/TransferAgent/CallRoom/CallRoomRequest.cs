using System.Text.Json;
using WarmTransfer.TransferAgent.Worker;

namespace WarmTransfer.TransferAgent.CallRoom;

/// <summary>The call job's metadata: <c>{"kind":"call","callRoom":"R"}</c> (docs/development.md, Seams: Dispatch).</summary>
public sealed record CallRoomRequest(string CallRoom)
{
    /// <summary>Reads the metadata of a job dispatched into <paramref name="roomName"/>; <c>callRoom</c>, when present, must name that room.</summary>
    /// <exception cref="JobFailedException">The metadata names another room or is not a string.</exception>
    public static CallRoomRequest Parse(JsonElement metadata, string roomName)
    {
        if (!metadata.TryGetProperty("callRoom", out var value) || value.ValueKind == JsonValueKind.Null)
        {
            return new CallRoomRequest(roomName);
        }

        if (value.ValueKind != JsonValueKind.String)
        {
            throw new JobFailedException($"bad job metadata: \"callRoom\" is a JSON {value.ValueKind.ToString().ToLowerInvariant()}, expected the room name");
        }

        string callRoom = value.GetString()!;
        return string.Equals(callRoom, roomName, StringComparison.Ordinal)
            ? new CallRoomRequest(callRoom)
            : throw new JobFailedException($"bad job metadata: \"callRoom\" names room '{callRoom}' but the job was dispatched into '{roomName}'");
    }
}
