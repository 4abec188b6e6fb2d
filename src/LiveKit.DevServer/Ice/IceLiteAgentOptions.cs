using System.ComponentModel.DataAnnotations;

namespace LiveKit.DevServer.Ice;

/// <summary>Timers of the ICE-lite agent.</summary>
internal sealed class IceLiteAgentOptions
{
    /// <summary>No authenticated check for this long turns Connected into Disconnected. Chromium checks every few seconds.</summary>
    [Range(typeof(TimeSpan), "00:00:01", "00:05:00")]
    public TimeSpan DisconnectedTimeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>Consent lost after this long without a check (RFC 7675 §5.1 recommends 30 s): the agent fails.</summary>
    [Range(typeof(TimeSpan), "00:00:02", "00:10:00")]
    public TimeSpan ConsentTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>A peer that never sends an authenticated check within this time after creation is failed.</summary>
    [Range(typeof(TimeSpan), "00:00:01", "00:10:00")]
    public TimeSpan ConnectTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>How often the timeouts are evaluated.</summary>
    [Range(typeof(TimeSpan), "00:00:00.010", "00:00:10")]
    public TimeSpan TimerInterval { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>Most remote addresses remembered as validated for one agent; bounds memory per peer.</summary>
    [Range(1, 64)]
    public int MaxValidatedAddresses { get; set; } = 8;
}
