using System.Buffers;

namespace LiveKit.DevServer.Sctp;

/// <summary>
/// A user message being sent: one pooled copy of the payload shared by its fragments. The buffer goes back to the
/// pool when the last fragment is released (acknowledged, abandoned, or the association closes).
/// </summary>
internal sealed class SctpOutboundMessage
{
    private byte[]? _buffer;
    private int _fragmentsHeld;

    public SctpOutboundMessage(ushort streamId, uint ppid, ReadOnlySpan<byte> payload, SctpSendOptions options,
        long queuedTimestamp, int fragmentCount)
    {
        StreamId = streamId;
        Ppid = ppid;
        Options = options;
        QueuedTimestamp = queuedTimestamp;
        Length = payload.Length;
        _buffer = ArrayPool<byte>.Shared.Rent(payload.Length);
        payload.CopyTo(_buffer);
        _fragmentsHeld = fragmentCount;
    }

    public ushort StreamId { get; }

    public uint Ppid { get; }

    public SctpSendOptions Options { get; }

    public long QueuedTimestamp { get; }

    public int Length { get; }

    /// <summary>Stream sequence number, assigned when the first fragment is first sent (ordered messages only).</summary>
    public ushort StreamSequence { get; set; }

    public bool Abandoned { get; set; }

    public ReadOnlySpan<byte> Slice(int offset, int length) =>
        (_buffer ?? throw new ObjectDisposedException(nameof(SctpOutboundMessage))).AsSpan(offset, length);

    public void ReleaseFragment()
    {
        if (--_fragmentsHeld == 0 && _buffer is not null)
        {
            ArrayPool<byte>.Shared.Return(_buffer);
            _buffer = null;
        }
    }
}
