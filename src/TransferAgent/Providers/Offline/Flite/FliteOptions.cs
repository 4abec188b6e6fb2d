using System.ComponentModel.DataAnnotations;

namespace WarmTransfer.TransferAgent.Providers.Offline.Flite;

/// <summary>Section <c>Tts:Flite</c>: the offline text-to-speech default.</summary>
public sealed class FliteOptions
{
    /// <summary>Debian ships slt, kal, kal16, awb and rms; slt (16 kHz, female) is the clearest to listeners and to pocketsphinx.</summary>
    [Required]
    [RegularExpression("^(slt|kal|kal16|awb|rms)$", ErrorMessage = "Tts:Flite:Voice must be one of slt, kal, kal16, awb, rms.")]
    public string Voice { get; set; } = "slt";

    /// <summary>Speaking-rate multiplier (1 = flite's normal rate, about 170 words a minute for slt).</summary>
    [Range(0.5, 2.0)]
    public double Speed { get; set; } = 1.0;
}
