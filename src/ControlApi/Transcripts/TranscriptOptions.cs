using WarmTransfer.ControlApi.Hosting;

namespace WarmTransfer.ControlApi.Transcripts;

/// <summary>Transcript settings (section <c>Transcripts</c>).</summary>
internal sealed class TranscriptOptions
{
    public const string Section = "Transcripts";

    public TranscriptRetention Retention { get; set; } = TranscriptRetention.KeepWithTransfer;

    /// <summary>Longest text accepted for one segment.</summary>
    [SettingRange("Transcripts:MaxSegmentLength", 1, 100_000)]
    public int MaxSegmentLength { get; set; } = 4000;

    /// <summary>Most segments kept per call in memory when retention is off (oldest dropped first).</summary>
    [SettingRange("Transcripts:MaxSegmentsInMemory", 1, 1_000_000)]
    public int MaxSegmentsInMemory { get; set; } = 2000;
}
