using Google.Protobuf;
using LiveKit.Proto;

namespace LiveKit.DevServer.Rooms;

/// <summary>
/// A serialized <see cref="SignalResponse"/>. Broadcasts serialize once and hand the same bytes to every
/// recipient's connection; the bytes are never mutated after creation.
/// </summary>
internal readonly record struct SignalFrame(ReadOnlyMemory<byte> Bytes, SignalResponse.MessageOneofCase Kind)
{
    public static SignalFrame From(SignalResponse response) => new(response.ToByteArray(), response.MessageCase);
}
