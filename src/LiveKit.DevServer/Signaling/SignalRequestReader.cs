using Google.Protobuf;
using LiveKit.Proto;

namespace LiveKit.DevServer.Signaling;

/// <summary>Parses a client's binary frame into a <see cref="SignalRequest"/>, telling garbage from a message of a type we do not know.</summary>
internal static class SignalRequestReader
{
    /// <summary>
    /// Parses <paramref name="frame"/>. Returns false with a reason when it is not a protobuf
    /// SignalRequest. A well-formed message of an unknown type parses to <see cref="SignalRequest.MessageOneofCase.None"/>;
    /// <paramref name="firstField"/> then names the field number it carried.
    /// </summary>
    public static bool TryParse(ReadOnlySpan<byte> frame, out SignalRequest request, out int firstField, out string error)
    {
        firstField = 0;
        error = string.Empty;
        try
        {
            request = SignalRequest.Parser.ParseFrom(frame);
        }
        catch (InvalidProtocolBufferException e)
        {
            request = new SignalRequest();
            error = "malformed SignalRequest: " + e.Message;
            return false;
        }

        if (request.MessageCase == SignalRequest.MessageOneofCase.None)
        {
            firstField = FirstFieldNumber(frame);
        }

        return true;
    }

    // The field number of the first tag (protobuf encoding: varint tag = field << 3 | wire type).
    private static int FirstFieldNumber(ReadOnlySpan<byte> frame)
    {
        ulong tag = 0;
        for (var i = 0; i < Math.Min(frame.Length, 5); i++)
        {
            tag |= (ulong)(frame[i] & 0x7F) << (7 * i);
            if ((frame[i] & 0x80) == 0)
            {
                return (int)(tag >> 3);
            }
        }

        return 0;
    }
}
