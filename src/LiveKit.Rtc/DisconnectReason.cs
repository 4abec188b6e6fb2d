namespace LiveKit.Rtc;

/// <summary>Why a participant or the local client left a room (LiveKit's DisconnectReason).</summary>
public enum DisconnectReason
{
    Unknown = 0,
    ClientInitiated = 1,
    DuplicateIdentity = 2,
    ServerShutdown = 3,
    ParticipantRemoved = 4,
    RoomDeleted = 5,
    StateMismatch = 6,
    JoinFailure = 7,
    Migration = 8,
    SignalClose = 9,
    RoomClosed = 10,
    UserUnavailable = 11,
    UserRejected = 12,
    SipTrunkFailure = 13,
    ConnectionTimeout = 14,
    MediaFailure = 15,
    AgentError = 16,
}
