namespace LiveKit.Rtc;

/// <summary>Quality recipe of <see cref="AudioResampler"/> (libsoxr's): higher costs more CPU and latency.</summary>
public enum AudioResamplerQuality
{
    Quick = 0,
    Low = 1,
    Medium = 2,
    High = 3,
    VeryHigh = 4,
}
