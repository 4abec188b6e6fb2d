using System.ComponentModel.DataAnnotations;

namespace WarmTransfer.TransferAgent.CallRoom;

/// <summary>The call-room job's settings (section <c>CallRoom</c>).</summary>
public sealed class CallRoomOptions
{
    public const string Section = "CallRoom";

    /// <summary>Spoken to the caller when a transfer starts, before the music.</summary>
    [Required(ErrorMessage = "CallRoom:HoldAnnouncement is required.")]
    [StringLength(500, ErrorMessage = "CallRoom:HoldAnnouncement is longer than 500 characters.")]
    public string HoldAnnouncement { get; set; } = "Please hold while we transfer you to a colleague.";

    /// <summary>A WAV file (16-bit PCM, any rate) looped as hold music; empty plays a soft generated tone pattern.</summary>
    public string? HoldMusicFile { get; set; }

    /// <summary>Level of the generated hold music (dBFS RMS).</summary>
    [Range(-60.0, -6.0, ErrorMessage = "CallRoom:HoldMusicLevelDbfs must be between -60 and -6.")]
    public double HoldMusicLevelDbfs { get; set; } = -26;
}
