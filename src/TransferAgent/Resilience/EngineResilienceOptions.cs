using System.ComponentModel.DataAnnotations;

namespace WarmTransfer.TransferAgent.Resilience;

/// <summary>
/// Retry and time-out policy for one capability's providers (section <c>Stt:Resilience</c>, <c>Tts:Resilience</c>,
/// <c>Summary:Resilience</c>). Each attempt gets <see cref="AttemptTimeout"/>; retryable failures are retried up to
/// <see cref="MaxRetryAttempts"/> times with exponential back-off and jitter; then the next provider is tried.
/// </summary>
public sealed class EngineResilienceOptions
{
    [Range(0, 5)]
    public int MaxRetryAttempts { get; set; } = 1;

    /// <summary>First back-off delay; doubles per retry.</summary>
    [Range(typeof(TimeSpan), "00:00:00", "00:00:30")]
    public TimeSpan BaseDelay { get; set; } = TimeSpan.FromMilliseconds(250);

    /// <summary>Cap on any one delay, including a server's Retry-After (a longer Retry-After means: fall back instead).</summary>
    [Range(typeof(TimeSpan), "00:00:00", "00:01:00")]
    public TimeSpan MaxDelay { get; set; } = TimeSpan.FromSeconds(2);

    [Range(typeof(TimeSpan), "00:00:00.050", "00:05:00")]
    public TimeSpan AttemptTimeout { get; set; } = TimeSpan.FromSeconds(20);
}
