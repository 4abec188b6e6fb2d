using System.Collections.Frozen;
using Google.Protobuf.Collections;
using Proto = LiveKit.Rtc.Internal.Proto;

namespace LiveKit.Rtc.Conversion;

internal static class ParticipantConversions
{
    public static IReadOnlyDictionary<string, string> ToAttributes(MapField<string, string> attributes)
        => attributes.Count == 0 ? FrozenDictionary<string, string>.Empty : attributes.ToFrozenDictionary(StringComparer.Ordinal);

    public static IReadOnlyDictionary<string, string> ToAttributes(RepeatedField<Proto.AttributesEntry> entries)
        => entries.Count == 0
            ? FrozenDictionary<string, string>.Empty
            : entries.GroupBy(e => e.Key, StringComparer.Ordinal).ToFrozenDictionary(g => g.Key, g => g.Last().Value, StringComparer.Ordinal);
}
