namespace WarmTransfer.ControlApi.LiveKit;

/// <summary>What happened to a MoveParticipant request.</summary>
internal enum MoveOutcome
{
    /// <summary>The participant is now in the destination room on its existing connection.</summary>
    Moved,

    /// <summary>The server does not implement MoveParticipant (self-hosted LiveKit): issue a fresh token instead.</summary>
    Unsupported,

    /// <summary>The participant (or room) was not there to move: issue a fresh token instead.</summary>
    NotFound,
}
