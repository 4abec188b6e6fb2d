using WarmTransfer.ControlApi.Hosting;

namespace WarmTransfer.ControlApi.Transfers;

/// <summary>Transfer timers and limits (section <c>Transfers</c>). Timers are persisted and re-armed after a restart.</summary>
internal sealed class TransferOptions
{
    public const string Section = "Transfers";

    /// <summary>Requested must reach Briefing (handoff room created, bot dispatched) within this, or the transfer fails.</summary>
    [SettingRange("Transfers:SetupTimeout", "00:00:01", "01:00:00")]
    public TimeSpan SetupTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Agent B must join the handoff room within this after the briefing starts, or the transfer times out.</summary>
    [SettingRange("Transfers:AgentJoinTimeout", "00:00:01", "01:00:00")]
    public TimeSpan AgentJoinTimeout { get; set; } = TimeSpan.FromSeconds(60);

    /// <summary>The briefing must end in accept or decline within this, or the transfer times out.</summary>
    [SettingRange("Transfers:BriefingTimeout", "00:00:01", "1.00:00:00")]
    public TimeSpan BriefingTimeout { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>An accepted transfer completes on its own after this (the three-way moment is over) if nobody completes it.</summary>
    [SettingRange("Transfers:CompletionTimeout", "00:00:01", "1.00:00:00")]
    public TimeSpan CompletionTimeout { get; set; } = TimeSpan.FromMinutes(2);

    /// <summary>How often active transfers' call rooms are checked for the caller (a fallback for missed webhooks); 00:00:00 turns polling off.</summary>
    [SettingRange("Transfers:PresencePollInterval", "00:00:00", "01:00:00")]
    public TimeSpan PresencePollInterval { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>How long an empty handoff room lives on the LiveKit server before it closes itself.</summary>
    [SettingRange("Transfers:HandoffRoomEmptyTimeout", "00:00:01", "1.00:00:00")]
    public TimeSpan HandoffRoomEmptyTimeout { get; set; } = TimeSpan.FromMinutes(5);

    [SettingRange("Transfers:MaxNotesLength", 0, 10_000)]
    public int MaxNotesLength { get; set; } = 2000;

    [SettingRange("Transfers:MaxReasonLength", 1, 1_000)]
    public int MaxReasonLength { get; set; } = 500;
}
