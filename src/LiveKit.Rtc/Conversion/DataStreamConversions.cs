using System.Collections.Frozen;
using Proto = LiveKit.Rtc.Internal.Proto;

namespace LiveKit.Rtc.Conversion;

internal static class DataStreamConversions
{
    public static TextStreamInfo ToPublic(this Proto.TextStreamInfo info) => new(
        info.StreamId,
        info.Topic,
        DateTimeOffset.FromUnixTimeMilliseconds(info.Timestamp),
        info.MimeType,
        info.Attributes.ToFrozenDictionary(StringComparer.Ordinal),
        info.HasTotalLength ? (long)info.TotalLength : null,
        info.HasGenerated && info.Generated);

    public static Proto.StreamTextOptions ToProto(this TextStreamOptions? options, string topic)
    {
        var proto = new Proto.StreamTextOptions { Topic = topic };
        if (options is null)
        {
            return proto;
        }
        foreach (var (key, value) in options.Attributes ?? FrozenDictionary<string, string>.Empty)
        {
            proto.Attributes[key] = value;
        }
        if (options.DestinationIdentities is { } destinations)
        {
            proto.DestinationIdentities.Add(destinations);
        }
        if (options.StreamId is { } id)
        {
            proto.Id = id;
        }
        if (options.Generated is { } generated)
        {
            proto.Generated = generated;
        }
        return proto;
    }
}
