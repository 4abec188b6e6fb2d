namespace LiveKit.DevServer.Rooms;

/// <summary>Result of moving or forwarding a participant into another room.</summary>
internal enum TransferOutcome
{
    Done,

    /// <summary>No participant with that identity in the source room.</summary>
    ParticipantNotFound,

    /// <summary>The participant is itself a forwarded copy; only real participants move or forward.</summary>
    NotMovable,

    /// <summary>The destination room already has a participant with that identity.</summary>
    IdentityTaken,

    /// <summary>The destination room is full.</summary>
    DestinationFull,

    /// <summary>One of the rooms closed meanwhile; the caller retries with fresh rooms.</summary>
    RoomClosed,
}
