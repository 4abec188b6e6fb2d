namespace LiveKit.DevServer.Stun;

/// <summary>Outcome of <see cref="StunMessage.TryParse"/>: a truncated message is kept apart from a malformed one.</summary>
internal enum StunParseStatus
{
    /// <summary>A well-formed STUN message header and attribute list.</summary>
    Success,

    /// <summary>The bytes so far are a valid prefix, but the header or the declared length needs more bytes.</summary>
    NeedMoreData,

    /// <summary>Not STUN, or a STUN message whose header or attributes break RFC 5389 §6 / §15.</summary>
    Malformed,
}
