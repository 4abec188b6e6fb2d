namespace WarmTransfer.ControlApi.Transfers;

/// <summary>
/// States of a warm transfer. <see cref="Requested"/>, <see cref="Briefing"/> and <see cref="Accepted"/> are active;
/// every other state is terminal. The names are the wire values (REST, SSE and the <c>wt.transfer</c> data packet).
/// </summary>
internal enum TransferState
{
    /// <summary>Recorded; the handoff room and the bot's dispatch are being set up.</summary>
    Requested,

    /// <summary>The handoff room exists, the bot is briefing, Agent B is being notified or is listening.</summary>
    Briefing,

    /// <summary>Agent B accepted and joins the call room; Agent A may stay for a three-way moment.</summary>
    Accepted,

    /// <summary>Agent A left the call room, the handoff room is gone; Agent B owns the call.</summary>
    Completed,

    /// <summary>Agent B declined; the caller stays with Agent A.</summary>
    Declined,

    /// <summary>Agent A (or an admin) withdrew the transfer before it was accepted.</summary>
    Cancelled,

    /// <summary>Agent B never joined, or the briefing never finished, within the configured time.</summary>
    TimedOut,

    /// <summary>The caller hung up while the transfer was under way.</summary>
    Abandoned,

    /// <summary>Something the transfer depends on failed (the reason says what).</summary>
    Failed,
}
