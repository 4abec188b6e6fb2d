namespace LiveKit.DevServer.Rtp;

/// <summary>One element of an RFC 8285 header extension block: its local identifier and data.</summary>
internal readonly ref struct RtpHeaderExtension
{
    public RtpHeaderExtension(int id, ReadOnlySpan<byte> data)
    {
        Id = id;
        Data = data;
    }

    /// <summary>1-14 in the one-byte form, 1-255 in the two-byte form (RFC 8285 §4.2, §4.3).</summary>
    public int Id { get; }

    public ReadOnlySpan<byte> Data { get; }
}
