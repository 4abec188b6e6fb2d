using System.ComponentModel.DataAnnotations;

namespace WarmTransfer.TransferAgent.Vad;

/// <summary>
/// Section <c>Vad</c>: Silero VAD and the segmenter's timing. Speech starts when the probability reaches
/// <see cref="ActivationThreshold"/> for <see cref="MinSpeechDuration"/>, continues while it stays at or above
/// <see cref="DeactivationThreshold"/> (hysteresis), and ends after <see cref="MinSilenceDuration"/> below it.
/// Segments carry <see cref="SpeechPadding"/> of audio on each side and are split at <see cref="MaxSegmentDuration"/>.
/// </summary>
public sealed class VadOptions : IValidatableObject
{
    public const string Section = "Vad";

    /// <summary>The ONNX model; empty means <c>models/silero_vad.onnx</c> next to the worker.</summary>
    public string? ModelPath { get; set; }

    [Range(0.05, 0.95)]
    public double ActivationThreshold { get; set; } = 0.5;

    [Range(0.01, 0.95)]
    public double DeactivationThreshold { get; set; } = 0.35;

    [Range(typeof(TimeSpan), "00:00:00", "00:00:02")]
    public TimeSpan MinSpeechDuration { get; set; } = TimeSpan.FromMilliseconds(200);

    [Range(typeof(TimeSpan), "00:00:00.064", "00:00:05")]
    public TimeSpan MinSilenceDuration { get; set; } = TimeSpan.FromMilliseconds(500);

    [Range(typeof(TimeSpan), "00:00:00", "00:00:01")]
    public TimeSpan SpeechPadding { get; set; } = TimeSpan.FromMilliseconds(200);

    [Range(typeof(TimeSpan), "00:00:01", "00:01:00")]
    public TimeSpan MaxSegmentDuration { get; set; } = TimeSpan.FromSeconds(20);

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (DeactivationThreshold > ActivationThreshold)
        {
            yield return new ValidationResult(
                $"{Section}:DeactivationThreshold ({DeactivationThreshold}) must not exceed {Section}:ActivationThreshold ({ActivationThreshold}).");
        }

        if (SpeechPadding > MinSilenceDuration)
        {
            yield return new ValidationResult(
                $"{Section}:SpeechPadding ({SpeechPadding.TotalMilliseconds} ms) must not exceed {Section}:MinSilenceDuration ({MinSilenceDuration.TotalMilliseconds} ms), or consecutive segments would overlap.");
        }

        if (!string.IsNullOrWhiteSpace(ModelPath) && !File.Exists(ModelPath))
        {
            yield return new ValidationResult($"{Section}:ModelPath '{ModelPath}' does not exist.");
        }
    }
}
