namespace LiveKit.DevServer.Sctp;

/// <summary>
/// Per-message delivery options. With neither limit set a message is fully reliable; with
/// <see cref="MaxRetransmits"/> or <see cref="Lifetime"/> it is partially reliable (RFC 3758 §4, policies of
/// RFC 8831 §6.1), which needs the peer to support FORWARD TSN.
/// </summary>
/// <param name="Unordered">Deliver as soon as complete, ignoring stream order (U bit, RFC 4960 §6.6).</param>
/// <param name="MaxRetransmits">Abandon the message after this many retransmissions (0: send once).</param>
/// <param name="Lifetime">Abandon the message when not acknowledged within this time after it was queued.</param>
internal readonly record struct SctpSendOptions(bool Unordered = false, int? MaxRetransmits = null, TimeSpan? Lifetime = null)
{
    public static SctpSendOptions Reliable => default;

    public bool IsPartiallyReliable => MaxRetransmits is not null || Lifetime is not null;
}
