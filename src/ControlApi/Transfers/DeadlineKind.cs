namespace WarmTransfer.ControlApi.Transfers;

/// <summary>The timers a transfer can have armed; each is persisted so it survives a restart.</summary>
internal enum DeadlineKind
{
    /// <summary>Requested must reach Briefing (handoff room and dispatch) in time, or the transfer fails.</summary>
    Setup,

    /// <summary>Agent B must join the handoff room in time, or the transfer times out.</summary>
    AgentJoin,

    /// <summary>The briefing must end (accept or decline) in time, or the transfer times out.</summary>
    Briefing,

    /// <summary>An accepted transfer completes on its own when Agent A does not complete it.</summary>
    Completion,
}
