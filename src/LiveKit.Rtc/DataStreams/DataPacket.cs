namespace LiveKit.Rtc;

/// <summary>A data packet received in a room.</summary>
/// <param name="Payload">The bytes sent (owned by the receiver).</param>
/// <param name="Topic">The sender's topic, if any.</param>
/// <param name="ParticipantIdentity">The sender; empty when sent by the server API.</param>
/// <param name="Participant">The sender, when it is a participant of the room.</param>
/// <param name="Reliable">True when sent reliably (ordered, retransmitted).</param>
public sealed record DataPacket(
    ReadOnlyMemory<byte> Payload,
    string? Topic,
    string ParticipantIdentity,
    RemoteParticipant? Participant,
    bool Reliable);
