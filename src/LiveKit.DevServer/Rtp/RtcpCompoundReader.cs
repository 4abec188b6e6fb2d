namespace LiveKit.DevServer.Rtp;

/// <summary>
/// Walks the packets of a compound RTCP datagram (RFC 3550 §6.1). A packet whose length runs past the datagram, or
/// a wrong version, ends the walk with <see cref="Status"/> = Malformed; packets already read remain valid.
/// </summary>
internal ref struct RtcpCompoundReader
{
    private readonly ReadOnlySpan<byte> _datagram;
    private int _offset;

    public RtcpCompoundReader(ReadOnlySpan<byte> datagram)
    {
        _datagram = datagram;
        _offset = 0;
        Status = RtpParseStatus.Success;
    }

    public RtpParseStatus Status { get; private set; }

    public readonly int Offset => _offset;

    public bool TryReadNext(out RtcpHeader header, out ReadOnlySpan<byte> packet)
    {
        header = default;
        packet = default;
        if (_offset >= _datagram.Length || Status != RtpParseStatus.Success)
        {
            return false;
        }

        var status = RtcpHeader.TryParse(_datagram[_offset..], out header);
        if (status != RtpParseStatus.Success)
        {
            // Within a datagram, a truncated packet is as broken as a malformed one.
            Status = RtpParseStatus.Malformed;
            return false;
        }

        packet = _datagram.Slice(_offset, header.Length);
        _offset += header.Length;
        return true;
    }

    /// <summary>True when the whole datagram is a sequence of well-formed RTCP packets.</summary>
    public static bool IsWellFormed(ReadOnlySpan<byte> datagram)
    {
        if (datagram.Length < RtcpHeader.Size)
        {
            return false;
        }

        var reader = new RtcpCompoundReader(datagram);
        while (reader.TryReadNext(out _, out _))
        {
        }

        return reader.Status == RtpParseStatus.Success;
    }
}
