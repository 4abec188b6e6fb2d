namespace LiveKit.DevServer.DataChannels;

/// <summary>Channel types of DATA_CHANNEL_OPEN (RFC 8832 §5.1); the high bit means unordered.</summary>
internal enum DataChannelType : byte
{
    Reliable = 0x00,
    ReliableUnordered = 0x80,
    PartialReliableRexmit = 0x01,
    PartialReliableRexmitUnordered = 0x81,
    PartialReliableTimed = 0x02,
    PartialReliableTimedUnordered = 0x82,
}
