namespace LiveKit.DevServer.Rooms;

/// <summary>Why a join was refused.</summary>
internal enum JoinFailure
{
    None,

    /// <summary>The room closed meanwhile; the caller retries with a fresh room.</summary>
    RoomClosed,

    /// <summary>The room has max_participants participants already.</summary>
    RoomFull,

    /// <summary>The media plane cannot take another participant (e.g. its peer connection limit).</summary>
    MediaUnavailable,
}
