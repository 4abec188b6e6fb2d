namespace LiveKit.DevServer.Sctp;

/// <summary>One DATA fragment of an <see cref="SctpOutboundMessage"/> and its transmission state (RFC 4960 §6).</summary>
internal sealed class SctpOutboundChunk
{
    public SctpOutboundChunk(SctpOutboundMessage message, int offset, int length, bool beginning, bool ending)
    {
        Message = message;
        Offset = offset;
        Length = length;
        Beginning = beginning;
        Ending = ending;
    }

    public SctpOutboundMessage Message { get; }

    public int Offset { get; }

    public int Length { get; }

    public bool Beginning { get; }

    public bool Ending { get; }

    /// <summary>Bytes the chunk occupies on the wire, used for flight size and windows.</summary>
    public int WireSize => SctpDataChunk.HeaderSize + Length;

    public uint Tsn { get; set; }

    /// <summary>Transmissions so far (1 after the first send).</summary>
    public int TransmitCount { get; set; }

    /// <summary>Counted in the flight size: sent and neither acknowledged nor marked lost.</summary>
    public bool InFlight { get; set; }

    /// <summary>Acknowledged by a gap ack block (not yet by the cumulative TSN).</summary>
    public bool GapAcked { get; set; }

    public bool NeedsRetransmit { get; set; }

    /// <summary>Miss indications for fast retransmit (RFC 4960 §7.2.4).</summary>
    public int MissIndications { get; set; }

    public bool FastRetransmitted { get; set; }

    public bool Abandoned => Message.Abandoned;

    public byte Flags => (byte)((Beginning ? SctpDataChunk.BeginningFlag : 0)
        | (Ending ? SctpDataChunk.EndingFlag : 0)
        | (Message.Options.Unordered ? SctpDataChunk.UnorderedFlag : 0));
}
