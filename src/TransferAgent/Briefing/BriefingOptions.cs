using System.ComponentModel.DataAnnotations;

namespace WarmTransfer.TransferAgent.Briefing;

/// <summary>How the handoff-room briefing behaves (section <c>Briefing</c>).</summary>
public sealed class BriefingOptions
{
    public const string Section = "Briefing";

    /// <summary>Name of the published audio track Agent B hears.</summary>
    public const string TrackName = "briefing";

    /// <summary>How long to wait for Agent B's audio track in the handoff room before giving up with a reason.</summary>
    [Range(typeof(TimeSpan), "00:00:01", "01:00:00", ErrorMessage = "Briefing:AgentAudioTimeout must be between 1 second and 1 hour.")]
    public TimeSpan AgentAudioTimeout { get; set; } = TimeSpan.FromMinutes(3);

    /// <summary>Sample rate of the published track (speech is resampled to it).</summary>
    [Range(8000, 48000, ErrorMessage = "Briefing:SampleRate must be between 8000 and 48000 Hz.")]
    public int SampleRate { get; set; } = 48000;

    /// <summary>Repeats honoured per transfer (a page stuck sending repeats cannot keep the bot talking forever).</summary>
    [Range(0, 100, ErrorMessage = "Briefing:MaxRepeats must be between 0 and 100.")]
    public int MaxRepeats { get; set; } = 10;
}
