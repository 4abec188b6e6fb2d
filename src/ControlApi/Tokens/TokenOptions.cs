using WarmTransfer.ControlApi.Hosting;

namespace WarmTransfer.ControlApi.Tokens;

/// <summary>
/// Lifetimes of LiveKit tokens (section <c>Tokens</c>). A token only has to be valid when its holder connects
/// (LiveKit refreshes the token of a connected participant), so these stay short.
/// </summary>
internal sealed class TokenOptions
{
    public const string Section = "Tokens";

    [SettingRange("Tokens:CallerTtl", "00:00:30", "1.00:00:00")]
    public TimeSpan CallerTtl { get; set; } = TimeSpan.FromMinutes(10);

    [SettingRange("Tokens:AgentTtl", "00:00:30", "1.00:00:00")]
    public TimeSpan AgentTtl { get; set; } = TimeSpan.FromMinutes(10);

    [SettingRange("Tokens:BotTtl", "00:00:30", "1.00:00:00")]
    public TimeSpan BotTtl { get; set; } = TimeSpan.FromMinutes(10);

    [SettingRange("Tokens:AdminTtl", "00:00:30", "1.00:00:00")]
    public TimeSpan AdminTtl { get; set; } = TimeSpan.FromMinutes(10);

    public TimeSpan TtlOf(ParticipantRole role) => role switch
    {
        ParticipantRole.Caller => CallerTtl,
        ParticipantRole.Agent => AgentTtl,
        ParticipantRole.Bot => BotTtl,
        _ => AdminTtl,
    };
}
