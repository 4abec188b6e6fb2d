namespace LiveKit.DevServer.DataChannels;

/// <summary>
/// How a channel we open behaves (W3C RTCDataChannelInit): ordered or not, and at most one of
/// <see cref="MaxRetransmits"/> and <see cref="MaxPacketLifeTime"/> for partial reliability (RFC 8831 §6.1).
/// LiveKit's channels: <c>_reliable</c> ordered and reliable; <c>_lossy</c> unordered with MaxRetransmits 0.
/// </summary>
internal sealed record DataChannelOptions(string Label, bool Ordered = true, int? MaxRetransmits = null,
    TimeSpan? MaxPacketLifeTime = null, string Protocol = "", ushort Priority = DataChannelOptions.NormalPriority)
{
    /// <summary>"normal" priority (RFC 8831 §6.4).</summary>
    public const ushort NormalPriority = 256;

    public static DataChannelOptions LiveKitReliable { get; } = new("_reliable");

    public static DataChannelOptions LiveKitLossy { get; } = new("_lossy", Ordered: false, MaxRetransmits: 0);

    internal void Validate()
    {
        if (MaxRetransmits is not null && MaxPacketLifeTime is not null)
        {
            throw new ArgumentException($"{nameof(DataChannelOptions)}: set at most one of {nameof(MaxRetransmits)} and {nameof(MaxPacketLifeTime)}.");
        }

        if (MaxRetransmits < 0 || MaxPacketLifeTime < TimeSpan.Zero || MaxPacketLifeTime?.TotalMilliseconds > uint.MaxValue)
        {
            throw new ArgumentException($"{nameof(DataChannelOptions)}: {nameof(MaxRetransmits)} and {nameof(MaxPacketLifeTime)} must be non-negative and fit 32 bits.");
        }

        if (System.Text.Encoding.UTF8.GetByteCount(Label) > ushort.MaxValue || System.Text.Encoding.UTF8.GetByteCount(Protocol) > ushort.MaxValue)
        {
            throw new ArgumentException($"{nameof(DataChannelOptions)}: {nameof(Label)} and {nameof(Protocol)} must be at most 65535 UTF-8 bytes.");
        }
    }

    /// <summary>The DCEP encoding of these options (RFC 8832 §5.1).</summary>
    internal DcepOpenMessage ToOpenMessage()
    {
        (DataChannelType type, uint parameter) = (MaxRetransmits, MaxPacketLifeTime) switch
        {
            (int n, _) => (DataChannelType.PartialReliableRexmit, (uint)n),
            (_, TimeSpan t) => (DataChannelType.PartialReliableTimed, (uint)t.TotalMilliseconds),
            _ => (DataChannelType.Reliable, 0u),
        };
        if (!Ordered)
        {
            type |= DataChannelType.ReliableUnordered;
        }

        return new DcepOpenMessage(type, Priority, parameter, Label, Protocol);
    }

    /// <summary>Options a peer asked for in its DATA_CHANNEL_OPEN.</summary>
    internal static DataChannelOptions FromOpenMessage(DcepOpenMessage open)
    {
        bool ordered = ((byte)open.ChannelType & 0x80) == 0;
        return ((byte)open.ChannelType & 0x7F) switch
        {
            0x01 => new DataChannelOptions(open.Label, ordered, MaxRetransmits: (int)Math.Min(open.ReliabilityParameter, int.MaxValue), Protocol: open.Protocol, Priority: open.Priority),
            0x02 => new DataChannelOptions(open.Label, ordered, MaxPacketLifeTime: TimeSpan.FromMilliseconds(open.ReliabilityParameter), Protocol: open.Protocol, Priority: open.Priority),
            _ => new DataChannelOptions(open.Label, ordered, Protocol: open.Protocol, Priority: open.Priority),
        };
    }
}
