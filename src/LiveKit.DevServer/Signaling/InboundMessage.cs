namespace LiveKit.DevServer.Signaling;

/// <summary>One received WebSocket message. <see cref="Payload"/> is only valid until the next receive.</summary>
/// <param name="Kind">What arrived.</param>
/// <param name="Payload">The message bytes (empty for <see cref="InboundKind.TooLarge"/> and <see cref="InboundKind.Closed"/>).</param>
/// <param name="Size">The message size in bytes, also for a discarded oversized message.</param>
internal readonly record struct InboundMessage(InboundKind Kind, ReadOnlyMemory<byte> Payload, long Size)
{
    public static InboundMessage Closed => new(InboundKind.Closed, ReadOnlyMemory<byte>.Empty, 0);
}
