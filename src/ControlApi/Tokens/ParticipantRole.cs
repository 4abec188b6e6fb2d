namespace WarmTransfer.ControlApi.Tokens;

/// <summary>What a LiveKit token lets its holder do; see <see cref="ParticipantGrants.For"/> for the exact grants.</summary>
internal enum ParticipantRole
{
    /// <summary>Joins their own call room only; publishes the microphone only; subscribes; no data, no admin.</summary>
    Caller,

    /// <summary>Joins a call or handoff room they are part of; publishes the microphone and data; subscribes.</summary>
    Agent,

    /// <summary>The TransferAgent bot: hidden, participant kind agent; publishes audio (hold, briefing) and data.</summary>
    Bot,

    /// <summary>Supervisor: joins any room with room-admin rights.</summary>
    Admin,
}
