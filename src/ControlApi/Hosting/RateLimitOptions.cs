namespace WarmTransfer.ControlApi.Hosting;

/// <summary>
/// Request budgets (section <c>RateLimits</c>), each a token bucket refilled every second per partition (client
/// address, or identity once authenticated). A request over budget gets 429 with <c>Retry-After</c>.
/// </summary>
internal sealed class RateLimitOptions
{
    public const string Section = "RateLimits";

    [SettingRange("RateLimits:TokensPerSecond", 1, 1_000_000)]
    public int TokensPerSecond { get; set; } = 20;

    [SettingRange("RateLimits:TokensBurst", 1, 1_000_000)]
    public int TokensBurst { get; set; } = 60;

    [SettingRange("RateLimits:TransferCommandsPerSecond", 1, 1_000_000)]
    public int TransferCommandsPerSecond { get; set; } = 20;

    [SettingRange("RateLimits:TransferCommandsBurst", 1, 1_000_000)]
    public int TransferCommandsBurst { get; set; } = 60;

    [SettingRange("RateLimits:LoginsPerMinute", 1, 1_000_000)]
    public int LoginsPerMinute { get; set; } = 20;
}
