namespace LiveKit.Rtc;

/// <summary>A participant left; its publications and tracks are released after the handlers ran.</summary>
public sealed record ParticipantDisconnectedEvent(RemoteParticipant Participant, DisconnectReason Reason) : RoomEvent;
