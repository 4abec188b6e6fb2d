namespace LiveKit.DevServer.Rooms;

/// <summary>Size limits the rooms enforce (from <see cref="DevServerLimits"/>).</summary>
internal sealed record RoomLimits
{
    public int MaxDataPacketBytes { get; init; } = 64 * 1024;

    public int MaxMetadataBytes { get; init; } = 64 * 1024;

    public int MaxAttributesBytes { get; init; } = 64 * 1024;

    public int MaxNameLength { get; init; } = 256;

    /// <summary>Whether a metadata string fits.</summary>
    public bool MetadataFits(string? metadata) => metadata is null || System.Text.Encoding.UTF8.GetByteCount(metadata) <= MaxMetadataBytes;

    /// <summary>Whether a set of attributes fits (keys and values, UTF-8).</summary>
    public bool AttributesFit(IEnumerable<KeyValuePair<string, string>> attributes)
    {
        var total = 0;
        foreach (var (key, value) in attributes)
        {
            total += System.Text.Encoding.UTF8.GetByteCount(key) + System.Text.Encoding.UTF8.GetByteCount(value);
        }

        return total <= MaxAttributesBytes;
    }
}
